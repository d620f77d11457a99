#include "kiosk/camera_state.hpp"

namespace oh::kiosk {

const char* cameraStateName(CameraState state) {
    switch (state) {
        case CameraState::Off:
            return "off";
        case CameraState::Starting:
            return "starting";
        case CameraState::Running:
            return "running";
        case CameraState::Missing:
            return "missing";
        case CameraState::Lost:
            return "lost";
    }
    return "?";
}

}  // namespace oh::kiosk
