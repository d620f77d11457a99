#include "core/decisions/figures.hpp"

#include <fmt/format.h>

#include <cmath>

namespace oh {

double roundedFigure(double value) {
    if (!std::isfinite(value)) return value;
    // std::round rounds halves away from zero; formatting alone would round the binary value
    // half to even, which is how 27.125 once became 27.12 in one place and 27.13 in another.
    double rounded = std::round(value * 100.0) / 100.0;
    return rounded == 0.0 ? 0.0 : rounded;  // folds -0.0 into +0.0
}

std::string figureText(double value) {
    return fmt::format("{:.2f}", roundedFigure(value));
}

std::string signedFigureText(double value) {
    return fmt::format("{:+.2f}", roundedFigure(value));
}

}  // namespace oh
