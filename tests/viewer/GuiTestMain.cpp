// GoogleTest main for the viewer's GUI tests: they need an X server (run under xvfb-run).
#include <gtest/gtest.h>

#include <QApplication>
#include <QTemporaryDir>
#include <cstdlib>
#include <cstring>

int main(int argc, char** argv) {
    ::testing::InitGoogleTest(&argc, argv);
    for (int i = 1; i < argc; ++i) {
        if (std::strcmp(argv[i], "--gtest_list_tests") == 0) return RUN_ALL_TESTS();
    }
    if (!std::getenv("DISPLAY")) {
        std::fprintf(stderr, "viewer_gui_tests needs an X display; run it under xvfb-run\n");
        return 1;
    }
    qputenv("QT_QPA_PLATFORM", "xcb");
    // Settings (QSettings: the language) and the user's hanging protocols go to a folder of
    // this run, never into the tester's own ~/.config.
    QTemporaryDir config;
    if (config.isValid()) qputenv("XDG_CONFIG_HOME", config.path().toLocal8Bit());
    QApplication app(argc, argv);
    return RUN_ALL_TESTS();
}
