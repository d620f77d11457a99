#include "kiosk/screens/screens.hpp"

#include "kiosk/app.hpp"

namespace oh::kiosk {

void addDefaultScreens(App& app) {
    app.addScreen(makeAttractScreen());
    app.addScreen(makeSearchScreen());
    app.addScreen(makeWelcomeScreen());
    for (const auto& entry : kFailureReasons) app.addScreen(makeFailureScreen(entry.reason));
    app.addScreen(makeWalkInScreen());
    app.addScreen(makeStaffPinScreen());
    app.addScreen(makeExitPinScreen());
    app.addScreen(makeStaffScreen());
    app.addScreen(makeModePinScreen());
    app.addScreen(makeModeScreen());
    app.addScreen(makeScoringUnlockScreen());
    app.addScreen(makeScoringPickScreen());
    app.addScreen(makeScoringBoardScreen());
    app.addScreen(makeScoringSheetScreen());
    app.addScreen(makeFeedbackStartScreen());
    app.addScreen(makeFeedbackPickScreen());
    app.addScreen(makeFeedbackFormScreen());
    app.addScreen(makeShowcaseScreen());
    app.addScreen(makeDashboardPinScreen());
    app.addScreen(makeDashboardScreen());
}

}  // namespace oh::kiosk
