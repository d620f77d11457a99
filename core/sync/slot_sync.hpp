// A device's side of conversion slots in each sync round (README, "Issuing slots"): issue
// what the rules select from its own grant (also with the central away), then, online, send
// its unconfirmed issues, give back grants past their expiry and ask for a new one. The rules
// are core/slots/; the central decides every issue again when it arrives.
#pragma once

#include <cstdint>
#include <functional>
#include <string>

#include "core/central/central.hpp"
#include "core/slots/issuing.hpp"
#include "core/slots/slot_book.hpp"

namespace oh {

struct SlotDuty {
    std::string eventId;
    ConversionRules rules;
    SlotPolicy policy;
    // The device's clock (Unix ms); tests give one that is off.
    std::function<std::int64_t()> clock;
};

struct SlotRound {
    int issued = 0;      // issued here this round, from the grant
    int confirmed = 0;   // issues the central decided (any state)
    int duplicates = 0;  // of those: the intern already held a live slot
    int voided = 0;      // of those: no budget left for them
    int returned = 0;    // grants given back
    int granted = 0;     // slots of a new grant
};

// Offline-capable: issues the due decisions from the device's grant.
int issueDueSlots(Store& store, SlotBook& book, const SlotDuty& duty);

// Online: confirms unconfirmed issues, returns grants past their local expiry once all their
// issues are confirmed, and asks for a grant when none is usable (not in manual mode).
SlotRound exchangeSlots(Store& store, SlotBook& book, CentralRecord& central, const SlotDuty& duty);

}  // namespace oh
