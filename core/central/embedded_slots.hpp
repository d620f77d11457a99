// The embedded central's conversion slots: grants, issues, grants by hand and the leads'
// acts on its SQLite file, each in one IMMEDIATE transaction (so `live + outstanding <=
// budget` holds at every instant, whoever else has the file open). The decisions are
// core/slots/slot_rules.hpp's; CentralSqlite checks who is asking before it calls this.
#pragma once

#include <cstdint>
#include <functional>
#include <string>
#include <vector>

#include "core/central/central.hpp"
#include "core/slots/slot_book.hpp"

namespace oh {

class EmbeddedSlots {
  public:
    // Appends a slot.state record to the central's feed: (writer device, event, payload).
    using Publish = std::function<void(const std::string&, const std::string&, const std::string&)>;

    EmbeddedSlots(Store& store, std::int64_t marginMs, Publish publish);

    GrantAnswer requestGrant(const std::string& deviceId, const std::string& eventId, int want,
                             std::int64_t ttlMs);
    bool returnGrant(const std::string& deviceId, const std::string& eventId,
                     const std::string& grantId);
    std::vector<Slot> issue(const std::string& deviceId, const std::string& eventId,
                            const std::vector<Slot>& issues);
    Slot byHand(Slot slot, const std::string& actor, const std::string& reason);
    Slot act(const SlotAct& act);
    BudgetView budget(const std::string& eventId);
    SlotBook& book() { return book_; }

  private:
    Slot issueOne(const std::string& deviceId, const std::string& eventId, Slot issue);
    std::optional<std::string> malformed(const std::string& eventId, const Slot& issue);
    Slot settle(Slot slot, bool byHand);
    void record(const Slot& slot, bool byTheLead = false);

    Store& store_;
    std::int64_t marginMs_;
    Publish publish_;
    SlotBook book_;
};

// Limits the central sets on what a device asks: a grant lasts 1 second to 24 hours.
inline constexpr std::int64_t kMinGrantTtlMs = 1000;
inline constexpr std::int64_t kMaxGrantTtlMs = 24 * 60 * 60 * 1000;

}  // namespace oh
