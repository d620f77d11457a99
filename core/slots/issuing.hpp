// Issuing conversion slots on a device (README, "Issuing slots"): which decisions the daemon
// issues now under the configured mode, and the issue itself, from the device's own grant,
// also offline. The central decides each issue again when it arrives (slot_rules.hpp).
#pragma once

#include <cstdint>
#include <functional>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "core/decisions/conversion.hpp"
#include "core/model/slot.hpp"
#include "core/slots/slot_book.hpp"
#include "core/store/store.hpp"

namespace oh {

// [conversion] issue: when the daemon issues what the rules select.
//   immediate - as soon as a demo reaches quorum and passes the rules;
//   window    - once `windowMs` has passed since the demo reached quorum, so an early demo
//               does not take the last slot from a stronger one minutes later;
//   manual    - only by the lead's hand (`openhouse slots --issue`).
enum class IssueMode { Immediate, Window, Manual };
const char* issueModeName(IssueMode mode);
std::optional<IssueMode> parseIssueMode(std::string_view name);

struct SlotPolicy {
    IssueMode mode = IssueMode::Window;
    std::int64_t windowMs = 10 * 60 * 1000;
    int grantSize = 2;                              // slots a device asks for at a time
    std::int64_t grantTtlMs = 30 * 60 * 1000;       // how long a grant lasts
    std::int64_t reclaimMarginMs = 10 * 60 * 1000;  // embedded central: reclaim after expiry + this
};

// When the demo reached quorum: the stamp of its quorum-th score with a total (Unix ms), or
// nullopt below quorum.
std::optional<std::int64_t> quorumReachedAt(const std::vector<Score>& scores,
                                            const std::string& showcaseId, int quorum);

// The decisions to issue now: slot outcomes of interns with no slot here yet (a declined,
// revoked or expired one counts: the rules issue to an intern once), ranked within what the
// budget has left after the live slots; in window mode only demos whose quorum is
// `windowMs` old; none in manual mode unless `byHand`.
std::vector<Decision> decisionsToIssue(Store& store, SlotBook& book, const std::string& eventId,
                                       const ConversionRules& rules, const SlotPolicy& policy,
                                       std::int64_t nowMs, bool byHand = false);

// The explanation a slot carries everywhere it is shown or exported.
std::string slotExplanation(const Decision& d);

// Fills each decision's slot fields (conversion.hpp) from the event's slots and the leads'
// acts: the intern's live slot for that demo, else the newest one. `deviceName` names the
// issuing device ("" for a grant by hand, shown as "by hand").
void attachIssuedSlots(std::vector<Decision>& decisions, const std::vector<Slot>& slots,
                       const std::vector<SlotAct>& acts,
                       const std::function<std::string(const std::string&)>& deviceName);

// Every decision of the event as the lead sees it (`openhouse slots`, the dashboard, the
// offer-slot list): the rules over the store's demos, scores, feedback and people, with each
// intern's issued slot attached (issuing devices named from the store, "" when unknown), and
// each encore as of `nowMs` (Unix ms).
std::vector<Decision> eventDecisions(Store& store, const std::string& eventId,
                                     const ConversionRules& rules, std::int64_t nowMs);

// The slots by state, in the life-cycle's order, states with none left out: "2 issued,
// 1 accepted, 1 revoked" ("no slots issued" for none).
std::string slotStateCounts(const std::vector<Slot>& slots);

enum class LocalIssueStatus { Issued, AlreadyHolds, NoGrant };
struct LocalIssue {
    LocalIssueStatus status = LocalIssueStatus::NoGrant;
    Slot slot;  // when Issued: version 0 until the central confirms it
};
// Issues a slot to the decision's intern from this device's usable grant (its own clock).
LocalIssue issueFromGrant(Store& store, SlotBook& book, const Decision& decision,
                          const std::string& eventId, std::int64_t localNowMs);

}  // namespace oh
