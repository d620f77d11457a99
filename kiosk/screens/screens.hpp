// The kiosk's screens. Each one is a single .cpp file in this folder that defines its Screen
// subclass in an anonymous namespace and exposes only a factory here.
//
// Adding a screen: write screens/<name>.cpp with `std::unique_ptr<Screen> make<Name>Screen()`,
// declare it below, add it to addDefaultScreens() in screens.cpp and to kiosk/CMakeLists.txt.
#pragma once

#include <memory>

#include "kiosk/screen.hpp"

namespace oh::kiosk {

class App;

std::unique_ptr<Screen> makeAttractScreen();

// Registers every screen, attract first (the screen shown at start and after idle).
void addDefaultScreens(App& app);

}  // namespace oh::kiosk
