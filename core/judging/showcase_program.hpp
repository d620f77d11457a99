// What the audience's big screen shows (kiosk --mode showcase), read from the store: per room
// (a demo's location), the demo presenting now, the one up next and a few later, with the
// presenters' names, the title and the business outcome on its live metric; between
// sessions, spotlight cards of the demos, outcome first. Only names, titles and outcomes: no
// scores, no e-mails, nothing else personal (the screen faces the public).
//
// The program advances by the clock: `changesAt` says when the next demo starts or ends, so
// the screen redraws then (and once a minute for its countdown), not every frame.
#pragma once

#include <cstddef>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "core/model/model.hpp"
#include "core/store/store.hpp"

namespace oh {

struct ProgramDemo {
    std::string showcaseId;
    std::string title;
    std::vector<std::string> presenterNames;  // full names, in presenter order
    std::string location;
    std::int64_t start = 0;  // Unix seconds
    std::int64_t end = 0;
    std::string outcome;  // "support tickets −12 %", empty when the demo names no metric
};

struct RoomProgram {
    std::string room;  // the demos' location as the schedule writes it; "" when none is given
    std::optional<ProgramDemo> now;
    std::optional<ProgramDemo> next;
    std::vector<ProgramDemo> later;  // after `next`, in start order, at most the limit
};

struct ShowcaseProgram {
    std::vector<RoomProgram> rooms;  // rooms with a demo now or still to come, by name
    // No demo is presenting anywhere: the screen rotates the spotlights.
    bool betweenSessions = true;
    std::optional<std::int64_t> nextStart;  // the next demo to start anywhere (Unix seconds)
    // Every demo with an outcome, then the others, in start order: the spotlight cards.
    std::vector<ProgramDemo> spotlights;
    // When this program next changes by the clock alone (a demo starts or ends); nullopt when
    // nothing is left to happen.
    std::optional<std::int64_t> changesAt;
};

// "support tickets −12 %": the metric and its change as the audience reads them (a real minus
// sign, a thin gap before %); empty when the demo names no metric.
std::string outcomeText(std::string_view metricName, std::string_view metricChange);

// The program of `demos` at `nowSeconds`; presenters are named from `people` (ids not found
// there are left out).
ShowcaseProgram showcaseProgram(const std::vector<Showcase>& demos,
                                const std::vector<Attendee>& people, std::int64_t nowSeconds,
                                std::size_t laterLimit = 3);

// The same, read from the store.
ShowcaseProgram showcaseProgram(Store& store, const std::string& eventId, std::int64_t nowSeconds,
                                std::size_t laterLimit = 3);

// The text a demo's QR code carries on the showcase's cards: a feedback kiosk that scans it
// opens that demo's feedback form. "OHD1:" and the demo's id; nothing personal.
std::string demoCode(const std::string& showcaseId);
// The demo id a scanned text names, or nullopt when it is not a demo code.
std::optional<std::string> parseDemoCode(std::string_view text);

}  // namespace oh
