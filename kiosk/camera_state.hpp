// The camera's state as the screens and the session see it (the attract screen's status line),
// apart from the camera worker so they can name it without its thread and V4L2 headers.
#pragma once

namespace oh::kiosk {

enum class CameraState { Off, Starting, Running, Missing, Lost };
const char* cameraStateName(CameraState state);  // for the log: "off", "running"...

}  // namespace oh::kiosk
