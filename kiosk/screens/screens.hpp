// The kiosk's screens. Each one is a single .cpp file in this folder that defines its Screen
// subclass in an anonymous namespace and exposes only a factory here.
//
// Adding a screen: give it an id in kiosk/screen_ids.hpp, write screens/<name>.cpp with
// `std::unique_ptr<Screen> make<Name>Screen()`, declare it below, add it to addDefaultScreens() in
// screens.cpp and to kiosk/CMakeLists.txt.
#pragma once

#include <memory>
#include <string>
#include <vector>

#include "core/model/model.hpp"
#include "kiosk/screen.hpp"
#include "kiosk/screen_ids.hpp"

namespace oh::kiosk {

class App;
struct CheckInReply;

std::unique_ptr<Screen> makeAttractScreen();
std::unique_ptr<Screen> makeSearchScreen();
std::unique_ptr<Screen> makeWelcomeScreen();
// One screen per reason (kiosk/screen_ids.hpp: kFailureReasons), id "failure-<reason>".
std::unique_ptr<Screen> makeFailureScreen(FailureReason reason);
std::unique_ptr<Screen> makeWalkInScreen();
// The staff PIN unlocks the staff screen; the exit PIN (lead PIN) closes the kiosk.
std::unique_ptr<Screen> makeStaffPinScreen();
std::unique_ptr<Screen> makeExitPinScreen();
std::unique_ptr<Screen> makeStaffScreen();
// The lead's mode switch (lead PIN first): door, scoring or feedback.
std::unique_ptr<Screen> makeModePinScreen();
std::unique_ptr<Screen> makeModeScreen();
// Scoring mode: unlock (badge + staff PIN), pick a name (PIN alone), the board, the sheet.
std::unique_ptr<Screen> makeScoringUnlockScreen();
std::unique_ptr<Screen> makeScoringPickScreen();
std::unique_ptr<Screen> makeScoringBoardScreen();
std::unique_ptr<Screen> makeScoringSheetScreen();
// Feedback mode: scan your badge, pick the demo, answer three questions.
std::unique_ptr<Screen> makeFeedbackStartScreen();
std::unique_ptr<Screen> makeFeedbackPickScreen();
std::unique_ptr<Screen> makeFeedbackFormScreen();

// Showcase mode: the audience's program. Dashboard mode: the lead PIN, then the dashboard.
std::unique_ptr<Screen> makeShowcaseScreen();
std::unique_ptr<Screen> makeDashboardPinScreen();
std::unique_ptr<Screen> makeDashboardScreen();

// The compliment-first welcome line for a committed check-in (welcome.cpp).
std::string welcomeLine(const AppContext& ctx, const CheckInReply& reply, const Event& event);

// Registers every screen, attract first (the screen shown at start and after idle).
void addDefaultScreens(App& app);

}  // namespace oh::kiosk
