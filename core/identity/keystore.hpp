// Event signing keys on the admin machine: one 0600 file per event under a
// keys/ folder, one "key-id secret-hex" line per key, newest last. The secret
// key never goes into a database that devices read, and never onto a kiosk.
#pragma once

#include <string>
#include <vector>

#include "core/identity/token.hpp"

namespace oh {

class KeyStore {
  public:
    explicit KeyStore(std::string dir) : dir_(std::move(dir)) {}

    // Appends a key for the event (rotation keeps the older ones for verifying).
    void add(const std::string& eventId, const SigningKey& key);
    // All keys of the event, oldest first; empty if none.
    std::vector<SigningKey> keys(const std::string& eventId) const;
    // The newest key: the one new tokens are signed with. Throws if none.
    SigningKey current(const std::string& eventId) const;
    std::string pathFor(const std::string& eventId) const;

  private:
    std::string dir_;
};

}  // namespace oh
