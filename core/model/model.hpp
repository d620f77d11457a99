// Domain types shared by the store, the CLI, the kiosk and sync. Plain data.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace oh {

enum class Role { Intern, Guest, Staff, Lead };

const char* roleName(Role role);  // "intern", "guest", "staff", "lead"
// Accepts our names and the usual synonyms of registration exports
// ("micro-intern", "visitor", "judge", "organizer", ...), case-insensitive.
std::optional<Role> parseRole(std::string_view text);

struct Event {
    std::string id;  // UUID
    std::string name;
    std::string venue;
    std::string timezone = "UTC";
    std::int64_t startsAt = 0;  // Unix seconds
    std::int64_t endsAt = 0;
    int slotBudget = 0;  // conversion slots the program may issue at this event
    // When the lead closed judging (Unix ms); 0 while it is open. After it, devices refuse
    // new and changed scores and feedback (core/judging/scoring.hpp).
    std::int64_t judgingClosedAt = 0;
};

struct Attendee {
    std::string id;  // UUID
    std::string eventId;
    std::string fullName;
    std::string email;  // stored lower-case; the identity for re-imports
    Role role = Role::Guest;
    std::string cohort;
    std::string team;
    std::string pronouns;
    std::string strengths;  // used by the compliment-first welcome
    bool blocked = false;
    // The family name when the roster gave it in its own column ("Muñoz García"), so the
    // short name takes its initial (core/text/short_name.hpp); empty: only the full name
    // is known. Stored and synced with the person (store schema step 7).
    std::string familyName;
};

struct Showcase {
    std::string id;
    std::string eventId;
    std::string internId;
    std::string title;
    std::string brief;
    std::string metricName;    // e.g. "support tickets"
    std::string metricChange;  // e.g. "-12%"
    std::string location;      // table or room
    std::int64_t slotStart = 0;
    std::int64_t slotEnd = 0;
    // The presenting interns, in order (a team demo has several); internId is the first.
    // Empty on records from before team demos: internId alone presents them.
    std::vector<std::string> presenterIds;
};

// Who presents a demo: its presenters, or its one intern on records from before teams.
std::vector<std::string> presentersOf(const Showcase& showcase);

struct CheckIn {
    std::string id;
    std::string eventId;
    std::string attendeeId;
    std::string deviceId;
    std::string method;   // "qr", "search", "walk-in", "cli"
    std::int64_t at = 0;  // Unix milliseconds
    std::optional<std::int64_t> annulledAt;
};

// One change a device made, waiting to reach the central record (or a record
// of the change feed, as pushed).
struct OutboxEntry {
    std::int64_t seq = 0;
    std::string idemKey;  // UUIDv7: the central record applies each key once
    std::string kind;     // "event.upsert", "attendee.upsert", "checkin.create", ...
    std::string payload;  // JSON
    std::int64_t createdAt = 0;
};

// A judge's score of one showcase. Last writer wins per (judge, showcase) by
// hybrid logical clock; a delete is the same write with `deleted` set.
struct Score {
    std::string id;
    std::string eventId;
    std::string judgeId;
    std::string showcaseId;
    std::string criteria = "{}";  // JSON: the score sheet (core/judging/rubric.hpp)
    std::optional<double> total;
    std::string notes;
    bool encore = false;  // recommends an encore assignment
    std::string hlc;      // filled in by the store
    std::string deviceId;
    bool deleted = false;
};

// Peer feedback: one per author per showcase; a second one replaces the first (the newest
// by (createdAt, id) wins on every replica) until the lead closes judging
// (core/judging/feedback.hpp).
struct Feedback {
    std::string id;
    std::string eventId;
    std::string authorId;
    std::string showcaseId;
    // The figure the conversion rules use (1-5): the mean of `answers` rounded half up
    // (4, 5, 3 -> 4; 4, 5, 4 -> 4.33 -> 4; 4, 5, 5 -> 4.67 -> 5); on records from before the
    // three questions, and on the judging sheet's peer_rating, the one rating given.
    std::optional<int> rating;
    std::string text;  // the optional comment
    std::int64_t createdAt = 0;
    std::string deviceId;
    // The three quick questions' levels (1-5, core/judging/feedback.hpp), in order; empty on
    // records from before them (store step 10) and on the judging sheet's ratings.
    std::vector<int> answers;
};

}  // namespace oh
