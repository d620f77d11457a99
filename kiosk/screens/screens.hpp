// The kiosk's screens. Each one is a single .cpp file in this folder that defines its Screen
// subclass in an anonymous namespace and exposes only a factory here.
//
// Adding a screen: write screens/<name>.cpp with `std::unique_ptr<Screen> make<Name>Screen()`,
// declare it below, add it to addDefaultScreens() in screens.cpp and to kiosk/CMakeLists.txt.
#pragma once

#include <memory>
#include <string>
#include <vector>

#include "core/model/model.hpp"
#include "kiosk/screen.hpp"

namespace oh::kiosk {

class App;
struct CheckInReply;

std::unique_ptr<Screen> makeAttractScreen();
std::unique_ptr<Screen> makeSearchScreen();
std::unique_ptr<Screen> makeWelcomeScreen();
// One screen per reason: id "failure-<reason>" (already_checked_in, expired, not_yet_valid,
// wrong_event, revoked, unreadable, invalid_signature, unknown, blocked, and error: the store
// could not save the check-in).
std::unique_ptr<Screen> makeFailureScreen(const std::string& reason);
const std::vector<std::string>& failureReasons();
std::unique_ptr<Screen> makeWalkInScreen();
// "staff-pin" unlocks the staff screen; "exit-pin" (lead PIN) closes the kiosk.
std::unique_ptr<Screen> makeStaffPinScreen();
std::unique_ptr<Screen> makeExitPinScreen();
std::unique_ptr<Screen> makeStaffScreen();

// The compliment-first welcome line for a committed check-in (welcome.cpp).
std::string welcomeLine(const AppContext& ctx, const CheckInReply& reply, const Event& event);

// Registers every screen, attract first (the screen shown at start and after idle).
void addDefaultScreens(App& app);

}  // namespace oh::kiosk
