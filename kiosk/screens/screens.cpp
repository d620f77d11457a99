#include "kiosk/screens/screens.hpp"

#include "kiosk/app.hpp"

namespace oh::kiosk {

void addDefaultScreens(App& app) {
    app.addScreen(makeAttractScreen());
}

}  // namespace oh::kiosk
