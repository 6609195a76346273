#pragma once
// The workstation's main window: worklist (left), image viewport (centre), report (right).
// Talks to the server through ServerClient; all calls are synchronous on the GUI thread for now.
#include <QMainWindow>
#include <functional>
#include <memory>
#include <optional>

#include "viewer/core/LoadedStudy.h"
#include "viewer/core/ServerClient.h"
#include "viewer/core/WindowLevel.h"
#include "viewer/ui/UiText.h"

class QLabel;

namespace countyread::viewer {

class ImageViewport;
class ReportPanel;
class WorklistTable;

class MainWindow : public QMainWindow {
    Q_OBJECT
public:
    MainWindow(ServerClient& client, const UiText& text, QWidget* parent = nullptr);
    ~MainWindow() override;

    // Window (modality units) applied to the next opened study instead of the file's default.
    void setInitialWindow(std::optional<WindowLevel> window) { initial_window_ = window; }

    // Where errors go: a message box by default; the screenshot mode prints them instead.
    using ErrorSink = std::function<void(const QString& title, const QString& message)>;
    void setErrorSink(ErrorSink sink) { error_sink_ = std::move(sink); }

    bool refreshWorklist();
    // Downloads the study, records the opening on the server, shows its initial slice.
    bool openStudy(const StudyRow& study);
    bool openStudy(const std::string& study_uid);  // looks the row up in the worklist
    void signAndSend();

    WorklistTable* worklist() const { return worklist_; }
    ImageViewport* viewport() const { return viewport_; }
    ReportPanel* reportPanel() const { return report_; }
    const LoadedStudy* currentStudy() const { return study_.get(); }

private:
    void showError(const QString& title, const QString& message);
    void updateStatus();

    ServerClient& client_;
    const UiText& text_;
    WorklistTable* worklist_;
    ImageViewport* viewport_;
    ReportPanel* report_;
    QLabel* slice_status_;
    std::shared_ptr<const LoadedStudy> study_;
    std::optional<WindowLevel> initial_window_;
    ErrorSink error_sink_;
};

}  // namespace countyread::viewer
