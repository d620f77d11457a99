// When two demo titles name the same demo: the one rule the judging sheet and the demo
// schedule share. "Churn Early Warning" is the demo "Churn early warning" (case, accents,
// spaces and punctuation never decide); "Churn early warnings" is nearly it, which an
// import refuses rather than guess whether a second demo was meant.
#pragma once

#include <string>
#include <string_view>

namespace oh {

// The folded words of a title joined by single spaces. Folded word by word, so a long
// title is never cut (foldForSearch bounds the words of one name).
std::u32string demoTitleKey(std::string_view title);

// Two different keys that are nearly the same title: one or two letters apart (one when
// the shorter has fewer than ten letters), or one inside the other (when the shorter has
// eight letters or more). Equal keys are the same demo, not "nearly".
bool nearlyTheSameTitle(const std::u32string& a, const std::u32string& b);

}  // namespace oh
