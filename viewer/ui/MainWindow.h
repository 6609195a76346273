#pragma once
// The workstation's main window: reading toolbar (top), worklist and series thumbnails (left),
// image viewport (centre), report (right). Talks to the server through ServerClient; images
// load progressively on background threads (ProgressiveLoader) through the local cache.
#include <QMainWindow>
#include <functional>
#include <memory>
#include <optional>

#include "viewer/core/LoadedStudy.h"
#include "viewer/core/ServerClient.h"
#include "viewer/core/WindowLevel.h"
#include "viewer/ui/UiText.h"

class QLabel;
class QProgressBar;

namespace countyread::viewer {

class ImageViewport;
class InstanceCache;
class MprWindow;
class ProgressiveLoader;
class ReportPanel;
class SeriesStrip;
class ViewerToolBar;
class VolumeWindow;
class WorklistTable;

class MainWindow : public QMainWindow {
    Q_OBJECT
public:
    MainWindow(ServerClient& client, const UiText& text, QWidget* parent = nullptr);
    ~MainWindow() override;

    // Window (modality units) applied to the next opened study instead of the file's default.
    void setInitialWindow(std::optional<WindowLevel> window) { initial_window_ = window; }
    // Downloaded instances go through this cache (none: straight from the server).
    void setCache(InstanceCache* cache) { cache_ = cache; }
    void setLoadingThreads(int threads) { loading_threads_ = threads; }

    // Where errors go: a message box by default; the screenshot mode prints them instead.
    using ErrorSink = std::function<void(const QString& title, const QString& message)>;
    void setErrorSink(ErrorSink sink) { error_sink_ = std::move(sink); }

    bool refreshWorklist();
    // Lists the study's instances, starts loading them in the background (the first image
    // shows as soon as it is decoded), records the opening on the server. False when the
    // study cannot be listed.
    bool openStudy(const StudyRow& study);
    bool openStudy(const std::string& study_uid);  // looks the row up in the worklist
    // Processes events until the open study has fully loaded; false on timeout.
    bool waitUntilLoaded(int timeout_ms = 60000);
    bool loading() const;
    void signAndSend();
    // Saves the radiologist's annotations as a GSPS on the server; false (with the reason in
    // the error sink) when it could not.
    bool saveAnnotations();
    // Opens the MPR window for the series shown (CT/MR stacks); false (with the reason in the
    // error sink) when the series is not a volume.
    bool openMpr();
    MprWindow* mprWindow() const { return mpr_; }
    // Opens the 3D (volume rendering) window for the series shown, like openMpr(); "3D (VR)"
    // on the toolbar, Ctrl+3.
    bool open3D();
    VolumeWindow* volumeWindow() const { return volume_window_; }
    const std::string& hangingProtocol() const { return protocol_id_; }

    WorklistTable* worklist() const { return worklist_; }
    ImageViewport* viewport() const { return viewport_; }
    ReportPanel* reportPanel() const { return report_; }
    ViewerToolBar* toolBar() const { return tools_; }
    SeriesStrip* seriesStrip() const { return series_; }
    const LoadedStudy* currentStudy() const { return study_.get(); }

private:
    void showError(const QString& title, const QString& message);
    void updateStatus();
    void showFirstImage();
    void loadingUpdated(int done, int total);
    void loadingFinished();
    void loadPresentationStates();
    void applyHangingProtocol();

    ServerClient& client_;
    const UiText& text_;
    WorklistTable* worklist_;
    ImageViewport* viewport_;
    ReportPanel* report_;
    ViewerToolBar* tools_;
    SeriesStrip* series_;
    QLabel* slice_status_;
    QProgressBar* progress_;
    ProgressiveLoader* loader_;
    StudyRow opening_;  // the study being loaded / shown
    std::shared_ptr<const LoadedStudy> study_;
    std::optional<WindowLevel> initial_window_;
    InstanceCache* cache_ = nullptr;
    int loading_threads_ = 2;
    MprWindow* mpr_ = nullptr;
    VolumeWindow* volume_window_ = nullptr;
    std::string protocol_id_;  // the hanging protocol applied to the open study
    ErrorSink error_sink_;
};

}  // namespace countyread::viewer
