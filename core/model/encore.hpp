// An encore assignment (README, "Encore assignments"): what a borderline demo's intern is
// asked to do after the day to earn a slot, and where it stands. Plain data; the rules of
// its life-cycle are core/decisions/encore.hpp, its re-decision core/decisions/conversion.hpp.
//
// Life-cycle: assigned -> submitted -> reviewed. An assigned one past its due date is
// expired (a state read from the clock, never stored: the lead may still extend the date).
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

namespace oh {

enum class EncoreState { Assigned, Submitted, Reviewed, Expired };
const char* encoreStateName(EncoreState state);  // "assigned", "submitted", "reviewed", "expired"
std::optional<EncoreState> parseEncoreState(std::string_view name);

struct EncoreAssignment {
    std::string id;  // encoreIdFor(showcase, intern): one per decision, the same everywhere
    std::string eventId, showcaseId, internId;
    std::string brief;       // what to show: the judges' encore briefs, edited by the lead
    std::string metric;      // the live metric it should move
    std::int64_t dueAt = 0;  // Unix ms
    std::string reviewerId;  // a staff member (attendee id); "" until the lead names one
    EncoreState state = EncoreState::Assigned;  // stored: Assigned, Submitted or Reviewed
    std::string submission;                     // a link or a note
    std::int64_t submittedAt = 0;
    std::string reviewSheet = "{}";     // the reviewer's sheet (core/judging/rubric.hpp JSON)
    std::optional<double> reviewTotal;  // 0-100 on the review rubric
    std::string reviewedBy;             // attendee id
    std::int64_t reviewedAt = 0;
    std::int64_t updatedAt = 0;  // Unix ms: the newest version wins on every replica
    bool stored = false;         // false: the default a decision implies, never written yet
};

// The state as of `nowMs`: an assigned one past its due date reads Expired.
EncoreState encoreStateAt(const EncoreAssignment& a, std::int64_t nowMs);

// A stable id for the encore of one intern on one demo: a name-based UUID (version 8) over
// both ids, so every replica derives the same id for a decision nobody has written yet.
std::string encoreIdFor(std::string_view showcaseId, std::string_view internId);

}  // namespace oh
