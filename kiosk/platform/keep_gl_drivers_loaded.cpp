// Sanitizer builds only (linked when OPENHOUSE_SANITIZE is ON): keeps the GL driver libraries
// that SDL and Mesa dlopen loaded until the process ends.
//
// Why: SDL unloads libEGL (and with it Mesa's EGL and DRI driver) in SDL_VideoQuit. The driver
// keeps a few small allocations for the life of the process; by the time LeakSanitizer reports
// at exit, their code is unmapped, the stacks end in "<unknown module>" and no suppression can
// name them. Opening the same libraries once more with RTLD_NODELETE keeps them mapped, so
// tests/lsan.supp can suppress them by library name while our own code stays checked.
#include <dlfcn.h>

#include <initializer_list>

namespace {

struct KeepGlDriversLoaded {
    KeepGlDriversLoaded() {
        // Missing libraries are fine: the kiosk then fails later with its own clear error.
        for (const char* library : {"libEGL.so.1", "libEGL_mesa.so.0", "libGL.so.1",
                                    "/usr/lib/x86_64-linux-gnu/dri/swrast_dri.so"})
            dlopen(library, RTLD_NOW | RTLD_LOCAL | RTLD_NODELETE);
    }
};

const KeepGlDriversLoaded keepGlDriversLoaded;

}  // namespace
