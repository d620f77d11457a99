// The slot tables of one SQLite store (store schema step 11): what a device holds (its
// grants with their expiry on its own clock, the slots it issued, confirmed or not) and what
// the embedded central holds (every device's grants, every slot, the leads' acts). The
// decisions are core/slots/slot_rules.hpp's; this only reads and writes rows, with its
// statements prepared once per book. The caller owns the transaction.
#pragma once

#include <cstdint>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "core/model/slot.hpp"
#include "core/slots/slot_rules.hpp"
#include "core/store/store.hpp"

namespace oh {

class SlotBook {
  public:
    explicit SlotBook(Store& store);
    ~SlotBook();
    SlotBook(const SlotBook&) = delete;
    SlotBook& operator=(const SlotBook&) = delete;

    // Both sides.
    std::optional<Slot> slot(const std::string& slotId);
    std::vector<Slot> slots(const std::string& eventId);
    std::optional<Slot> liveSlotOf(const std::string& eventId, const std::string& internId);
    std::optional<SlotGrant> grant(const std::string& grantId);
    std::vector<SlotGrant> grants(const std::string& eventId);
    // Writes a slot as given (insert, or a new state of the same id: fromGrant, who issued
    // it and when are set once).
    void putSlot(const Slot& slot);
    void putGrant(const SlotGrant& grant);

    // Central side.
    BudgetView budget(const std::string& eventId);
    // Ends every live grant of the event whose expiry plus `marginMs` has passed; how many.
    int reclaimExpired(const std::string& eventId, std::int64_t nowMs, std::int64_t marginMs);
    bool endGrant(const std::string& grantId, std::int64_t nowMs, const std::string& how);
    // The facts an issue is decided on (slot_rules.hpp, decideIssue).
    IssueFacts issueFacts(const Slot& issue, bool byHand);
    void logAct(const SlotAct& act);
    std::vector<SlotAct> acts(const std::string& eventId);

    // Device side.
    // The live grant of the event this device may issue from now (its clock), if any.
    std::optional<SlotGrant> usableGrant(const std::string& eventId, std::int64_t localNowMs);
    // Issued here and not yet confirmed by the central.
    std::vector<Slot> unconfirmed(const std::string& eventId);

  private:
    struct Impl;
    std::unique_ptr<Impl> impl_;
};

}  // namespace oh
