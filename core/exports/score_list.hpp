// The scores by demo and judge: one row per live score (a judge's sheet of a demo) with the
// demo, its presenters and location, the judge, each rubric criterion's level, the total
// and mean level, the recommendation, the encore flag and brief, the comment, when (UTC, the
// score's clock) and the device it was given on. A conflict a judge declared is a row with
// the status "conflict" and no levels. Sorted by demo start, title, then judge name.
#pragma once

#include <string>

#include "core/decisions/export_table.hpp"
#include "core/judging/rubric.hpp"
#include "core/store/store.hpp"

namespace oh {

// The rubric's criteria are columns in its order; a level for a criterion it no longer has
// (the rubric changed mid-event) gets a column of its own after them, titled by its key.
Table scoreTable(Store& store, const std::string& eventId, const Rubric& rubric);

}  // namespace oh
