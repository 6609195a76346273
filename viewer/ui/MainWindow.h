#pragma once
// The workstation's main window: reading toolbar and menus (top), worklist, series thumbnails
// and priors (left), the viewport grid (centre), report (right). Talks to the server through
// ServerClient; images load progressively on background threads (ProgressiveLoader) through
// the local cache. Pieces: MainWindow.cpp (opening, loading, annotations, signing),
// MainWindowLayout.cpp (hanging protocols, layouts, priors), MainWindowVolumes.cpp (MPR, 3D,
// MPR viewports), MainWindowLanguage.cpp (menus, switching the language).
#include <QMainWindow>
#include <functional>
#include <memory>
#include <optional>

#include "viewer/core/HangingProtocol.h"
#include "viewer/core/LoadedStudy.h"
#include "viewer/core/RenderPath.h"
#include "viewer/core/SeriesVolumeCache.h"
#include "viewer/core/ServerClient.h"
#include "viewer/core/WindowLevel.h"
#include "viewer/ui/UiText.h"

class QAction;
class QLabel;
class QMenu;
class QProgressBar;
class QPushButton;

namespace countyread::viewer {

class ImageViewport;
class InstanceCache;
class InstanceFetcher;
class MprWindow;
class PriorsList;
class ProgressiveLoader;
class ReportPanel;
class SeriesStrip;
class ViewerToolBar;
class ViewportGrid;
class VolumeWindow;
class WorklistTable;

class MainWindow : public QMainWindow {
    Q_OBJECT
public:
    // The window keeps its own copy of `text` (its language can be switched while running).
    MainWindow(ServerClient& client, const UiText& text, QWidget* parent = nullptr);
    ~MainWindow() override;

    // Window (modality units) applied to the next opened study instead of the file's default.
    void setInitialWindow(std::optional<WindowLevel> window) { initial_window_ = window; }
    // Downloaded instances go through this cache (none: straight from the server).
    void setCache(InstanceCache* cache) { cache_ = cache; }
    void setLoadingThreads(int threads) { loading_threads_ = threads; }
    // GPU shader or CPU window/level, for every viewport of the grid.
    void setRenderPath(RenderPath path);

    // Where errors go: a message box by default; the screenshot mode prints them instead.
    using ErrorSink = std::function<void(const QString& title, const QString& message)>;
    void setErrorSink(ErrorSink sink) { error_sink_ = std::move(sink); }

    bool refreshWorklist();
    // Lists the study's instances and priors, starts loading in the background (the first
    // image shows as soon as it is decoded), records the opening on the server. False when the
    // study cannot be listed.
    bool openStudy(const StudyRow& study);
    bool openStudy(const std::string& study_uid);  // looks the row up in the worklist
    // Processes events until the open study (and a prior being opened) has fully loaded;
    // false on timeout.
    bool waitUntilLoaded(int timeout_ms = 60000);
    bool loading() const;
    void signAndSend();
    // Saves the radiologist's annotations (the active viewport's, else the first showing the
    // current study) as a GSPS on the server; false (with the reason in the error sink) when
    // it could not.
    bool saveAnnotations();
    // Opens the MPR window for the series in the active viewport (CT/MR stacks); false (with
    // the reason in the error sink) when the series is not a volume.
    bool openMpr();
    MprWindow* mprWindow() const { return mpr_; }
    // Opens the 3D (volume rendering) window for that series, like openMpr(); "3D (VR)" on the
    // toolbar, Ctrl+3. MPR, 3D and MPR viewports of one series share one built Volume.
    bool open3D();
    VolumeWindow* volumeWindow() const { return volume_window_; }
    const SeriesVolumeCache& volumes() const { return volumes_; }
    const std::string& hangingProtocol() const { return protocol_id_; }

    // --- Layouts and priors (MainWindowLayout.cpp)
    // rows × columns (1×1, 1×2, 2×1, 2×2); new viewports show the next series of the study or
    // the prior. Menu "Layout", Alt+1..4.
    void setLayout(int rows, int columns);
    // Writes the layout shown as the user protocol for studies of this kind (modality, body
    // part, with or without a prior); returns false with the reason in the error sink.
    bool saveLayoutAsDefault();
    // Opens a prior (one of priorsList()'s) in the right-hand viewport (1×2 at least).
    bool openPrior(const StudyRow& prior);
    const LoadedStudy* priorStudy() const { return prior_study_.get(); }
    PriorsList* priorsList() const { return priors_; }
    ViewportGrid* grid() const { return grid_; }

    // --- Language (MainWindowLanguage.cpp): every visible text, overlays included, switches
    // at once; the choice is kept in QSettings (CountyRead/countyread-viewer, "language").
    void setLanguage(Language language);
    Language language() const { return text_.language(); }
    QMenu* layoutMenu() const { return layout_menu_; }
    QMenu* languageMenu() const { return language_menu_; }
    // The language saved by the menu (nullopt when never chosen).
    static std::optional<Language> savedLanguage();

    WorklistTable* worklist() const { return worklist_; }
    // The active viewport of the grid (tools, keys and the series strip act on it).
    ImageViewport* viewport() const;
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
    void showSeries(const std::string& series_uid);
    ImageViewport* annotationViewport() const;
    std::function<std::unique_ptr<InstanceFetcher>()> fetcherFactory() const;

    // MainWindowLayout.cpp
    void buildLayoutMenu();
    void applyHangingProtocol();
    void placeCurrent();
    void placePrior();
    void applyCellPreset(int index);
    void listPriors(const StudyRow& row);
    void startPrior(const StudyRow& prior, std::vector<InstanceRow> instances);
    StudyFacts factsOf(const StudyRow& row, const std::vector<InstanceRow>& instances,
                       const LoadedStudy* loaded) const;
    // MainWindowVolumes.cpp
    SeriesVolumeCache::Result volumeOfActiveSeries(QString* title);
    void buildMprCells();
    // MainWindowLanguage.cpp
    void buildLanguageMenu();
    void retranslate(const UiText& previous);

    ServerClient& client_;
    UiText text_;
    WorklistTable* worklist_;
    ViewportGrid* grid_;
    ReportPanel* report_;
    ViewerToolBar* tools_;
    SeriesStrip* series_;
    PriorsList* priors_;
    QLabel* worklist_title_;
    QLabel* series_title_;
    QLabel* priors_title_;
    QPushButton* refresh_;
    QAction* volume_action_;
    QMenu* layout_menu_ = nullptr;
    QMenu* language_menu_ = nullptr;
    std::vector<std::pair<QAction*, UiText::Key>> menu_actions_;
    QAction* sync_action_ = nullptr;
    QLabel* slice_status_;
    QProgressBar* progress_;
    ProgressiveLoader* loader_;
    ProgressiveLoader* prior_loader_;
    StudyRow opening_;  // the study being loaded / shown
    std::shared_ptr<const LoadedStudy> study_;
    std::vector<InstanceRow> instances_;  // of the current study
    // Priors: the list, the one whose facts the protocol engine sees (the newest), the one
    // shown in the grid.
    std::optional<StudyRow> newest_prior_;
    std::vector<InstanceRow> newest_prior_instances_;
    StudyRow prior_row_;
    std::shared_ptr<const LoadedStudy> prior_study_;
    SeriesVolumeCache volumes_;
    std::optional<HangingProtocol> protocol_;
    std::optional<WindowLevel> initial_window_;
    InstanceCache* cache_ = nullptr;
    int loading_threads_ = 2;
    MprWindow* mpr_ = nullptr;
    VolumeWindow* volume_window_ = nullptr;
    std::string protocol_id_;  // the hanging protocol applied to the open study
    ErrorSink error_sink_;
};

}  // namespace countyread::viewer
