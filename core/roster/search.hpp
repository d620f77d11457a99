// Name search over the roster for the kiosk: as-you-type, accent-insensitive
// and typo-tolerant, fast enough for 100,000 people (p99 <= 5 ms per query).
//
// Results carry only what confirms an identity without exposing it: first
// name + last initial, team and role. Never the full last name or the e-mail.
#pragma once

#include <cstddef>
#include <cstdint>
#include <memory>
#include <string>
#include <string_view>
#include <vector>

#include "core/model/model.hpp"
#include "core/text/fold.hpp"  // foldForSearch, for callers of the index

namespace oh {

struct SearchHit {
    std::string attendeeId;
    std::string display;  // "Ana L.": shortName() (core/text/short_name.hpp)
    std::string team;
    Role role = Role::Guest;
    int score = 0;  // lower is better (0 = every query token is an exact token)
};

// Immutable after build(); search() is const and safe to call from several
// threads at once. build() replaces the previous contents (build a new index
// on a worker and move it in to refresh the roster without blocking the UI).
class NameIndex {
  public:
    NameIndex();
    ~NameIndex();
    NameIndex(NameIndex&&) noexcept;
    NameIndex& operator=(NameIndex&&) noexcept;
    NameIndex(const NameIndex&) = delete;
    NameIndex& operator=(const NameIndex&) = delete;

    void build(const std::vector<Attendee>& people);
    // Up to `limit` hits, best first. Queries with fewer than 2 characters
    // (after folding and trimming) return nothing.
    std::vector<SearchHit> search(std::string_view query, int limit = 8) const;
    std::size_t size() const;
    std::size_t memoryBytes() const;

  private:
    struct Impl;
    std::unique_ptr<Impl> impl_;
};

}  // namespace oh
