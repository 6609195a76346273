// countyread-viewer: composition root of the radiologist's workstation.
#include <QApplication>
#include <QFont>
#include <clocale>
#include <cstdio>

#include "viewer/app/GuiSession.h"
#include "viewer/app/ReportCommand.h"
#include "viewer/app/ViewerOptions.h"

int main(int argc, char** argv) {
    using namespace countyread::viewer;
    ViewerOptions options;
    if (auto exit_code = options.parse(argc, argv)) return *exit_code;
    if (options.mode() == ViewerOptions::Mode::Report) return ReportCommand::run(options);

    // The VTK viewport binds to an X11 window (see VtkNativeWidget); Wayland sessions run the
    // viewer through XWayland.
    if (qEnvironmentVariableIsEmpty("QT_QPA_PLATFORM")) qputenv("QT_QPA_PLATFORM", "xcb");
    if (qgetenv("QT_QPA_PLATFORM") == "xcb" && qEnvironmentVariableIsEmpty("DISPLAY")) {
        std::fprintf(stderr,
                     "countyread-viewer needs an X display (DISPLAY is not set); "
                     "use xvfb-run for --screenshot, or --report without a window\n");
        return 1;
    }
    QApplication app(argc, argv);
    QApplication::setApplicationName(QStringLiteral("countyread-viewer"));
    std::setlocale(LC_NUMERIC, "C");  // DICOM decimal strings use '.'
    QFont font = QApplication::font();
    font.setFamilies({QStringLiteral("Noto Sans CJK SC"), font.family()});
    QApplication::setFont(font);
    return GuiSession::run(options);
}
