// A central record that answers every call and keeps nothing: it applies every push, has an
// empty feed and no devices. The sync tests' scripted centrals derive from it and override
// only what their test is about (a push that fails, refuses or is observed; a clock behind).
#pragma once

#include <string>
#include <vector>

#include "core/central/central.hpp"

namespace oh::testing {

class QuietCentral : public CentralRecord {
  public:
    CentralInfo ping() override { return {"central-1", 0}; }
    void registerDevice(const DeviceRegistration&) override {}
    bool revokeDevice(const std::string&) override { return false; }
    PushResult push(const std::string&, const std::vector<OutboxEntry>& batch) override {
        PushResult r;
        r.status.assign(batch.size(), PushStatus::Applied);
        r.applied = static_cast<int>(batch.size());
        return r;
    }
    PullPage pull(const std::string&, const std::string& cursor, int) override {
        PullPage page;
        page.nextCursor = cursor;
        return page;
    }
    std::vector<std::string> digest(const std::string&) override { return {}; }
    std::string describe() const override { return "quiet"; }
};

}  // namespace oh::testing
