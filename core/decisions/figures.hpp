// The one rounding rule for every figure the conversion decisions print: the
// explanation, the CSV, the XLSX and `openhouse slots`. Two decimals, halves
// away from zero (27.125 -> 27.13), never "-0.00". Whatever shows a figure
// rounds it here, so a lead never sees 27.13 in one place and 27.12 in another.
// Counts are printed here too, so "1 slots" cannot creep back in.
#pragma once

#include <string>
#include <string_view>

namespace oh {

// The value every output shows, as a number (the XLSX stores this exact value).
// Not finite: returned as it is (the writers leave such a cell blank).
double roundedFigure(double value);

// "27.13" and "+0.82" / "-0.21" / "+0.00": the rounded value, with two decimals.
std::string figureText(double value);
std::string signedFigureText(double value);

}  // namespace oh
