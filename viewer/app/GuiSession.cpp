#include "viewer/app/GuiSession.h"

#include <QApplication>
#include <QElapsedTimer>
#include <QGuiApplication>
#include <QInputDialog>
#include <QMessageBox>
#include <QScreen>
#include <QWindow>
#include <cstdio>

#include "viewer/core/InstanceCache.h"
#include "viewer/core/ServerClient.h"
#include "viewer/ui/ImageViewport.h"
#include "viewer/ui/MainWindow.h"
#include "viewer/ui/ScreenshotComposer.h"
#include "viewer/ui/WorklistTable.h"

namespace countyread::viewer {
namespace {

// Lets Qt map and expose the window (asynchronous under X11) before anything is captured.
void waitUntilExposed(QWidget& widget, int timeout_ms = 5000) {
    QElapsedTimer timer;
    timer.start();
    while (timer.elapsed() < timeout_ms) {
        QCoreApplication::processEvents(QEventLoop::AllEvents, 50);
        QWindow* handle = widget.windowHandle();
        if (handle && handle->isExposed()) break;
    }
    for (int i = 0; i < 10; ++i) QCoreApplication::processEvents(QEventLoop::AllEvents, 20);
}

int screenshot(MainWindow& window, const ViewerOptions& options) {
    int failures = 0;
    window.setErrorSink([&failures](const QString& title, const QString& message) {
        std::fprintf(stderr, "%s: %s\n", qPrintable(title), qPrintable(message));
        ++failures;
    });
    if (!window.refreshWorklist()) return 1;
    std::string uid = options.study;
    if (uid.empty()) {
        const auto& studies = window.worklist()->studies();
        if (studies.empty()) {
            std::fprintf(stderr, "no study to open: the worklist is empty\n");
            return 1;
        }
        uid = studies.front().study_uid;
    }
    if (!window.openStudy(uid) || failures > 0) return 1;
    if (!window.waitUntilLoaded()) {
        std::fprintf(stderr, "the study did not finish loading\n");
        return 1;
    }
    if (failures > 0) return 1;
    window.worklist()->select(uid);
    waitUntilExposed(window);
    window.viewport()->render();
    auto shot = ScreenshotComposer::compose(window, *window.viewport());
    if (shot.image.isNull() ||
        !shot.image.save(QString::fromStdString(options.screenshot), "PNG")) {
        std::fprintf(stderr, "cannot write %s\n", options.screenshot.c_str());
        return 1;
    }
    const WindowLevel w = window.viewport()->window();
    std::printf("study %s\n", uid.c_str());
    std::printf("viewport %d %d %d %d\n", shot.viewport.x(), shot.viewport.y(),
                shot.viewport.width(), shot.viewport.height());
    std::printf("window %g %g\n", w.center, w.width);
    std::printf("slice %d %d\n", window.viewport()->sliceIndex() + 1,
                window.viewport()->sliceCount());
    std::printf("render-path %s\n", renderPathName(window.viewport()->renderPath()));
    std::fflush(stdout);
    return 0;
}

}  // namespace

int GuiSession::run(const ViewerOptions& options) {
    // --lang wins; otherwise the language last chosen in the window's menu; Chinese by default.
    UiText text(options.lang.empty()
                    ? MainWindow::savedLanguage().value_or(Language::Chinese)
                    : UiText::parseLanguage(options.lang));
    std::unique_ptr<ServerClient> client;
    try {
        client = std::make_unique<ServerClient>(ServerUrl::parse(options.server));
    } catch (const std::exception& e) {
        std::fprintf(stderr, "%s\n", e.what());
        return 2;
    }
    const bool interactive = options.mode() == ViewerOptions::Mode::Interactive;
    std::string password = options.password;
    for (;;) {
        if (password.empty() && interactive) {
            bool ok = false;
            QString typed = QInputDialog::getText(
                nullptr, text(UiText::LoginTitle),
                QStringLiteral("%1 %2").arg(QString::fromStdString(options.user),
                                            text(UiText::PasswordPrompt)),
                QLineEdit::Password, QString(), &ok);
            if (!ok) return 1;
            password = typed.toStdString();
        }
        try {
            client->login(options.user, password);
            break;
        } catch (const std::exception& e) {
            std::fprintf(stderr, "login failed: %s\n", e.what());
            if (!interactive) return 1;
            QMessageBox::critical(nullptr, text(UiText::LoginFailed), QString::fromUtf8(e.what()));
            password.clear();
        }
    }

    std::unique_ptr<InstanceCache> cache;
    if (options.cache_mb > 0) {
        try {
            cache = std::make_unique<InstanceCache>(
                options.cache_dir.empty() ? InstanceCache::defaultFolder()
                                          : std::filesystem::path(options.cache_dir),
                static_cast<std::uint64_t>(options.cache_mb) * 1024 * 1024);
        } catch (const std::exception& e) {
            std::fprintf(stderr, "local cache disabled: %s\n", e.what());
        }
    }
    MainWindow window(*client, text);
    window.setInitialWindow(options.window);
    window.setCache(cache.get());
    window.setLoadingThreads(options.threads);
    window.setRenderPath(options.render_path);
    if (!window.viewport()->sliceView().renderPathNote().empty()) {
        std::fprintf(stderr, "%s\n", window.viewport()->sliceView().renderPathNote().c_str());
    }
    const QRect screen = QGuiApplication::primaryScreen()->availableGeometry();
    window.resize(qMin(1440, screen.width()), qMin(880, screen.height()));
    window.show();
    waitUntilExposed(window);
    if (!interactive) return screenshot(window, options);

    window.refreshWorklist();
    if (!options.study.empty()) window.openStudy(options.study);
    return QApplication::exec();
}

}  // namespace countyread::viewer
