// MainWindow: hanging protocols, viewport layouts, priors.
#include <QAction>
#include <QApplication>
#include <QMenu>
#include <QMenuBar>
#include <QStatusBar>
#include <algorithm>

#include "viewer/core/UserProtocols.h"
#include "viewer/core/WindowPresets.h"
#include "viewer/ui/ImageViewport.h"
#include "viewer/ui/MainWindow.h"
#include "viewer/ui/PriorsList.h"
#include "viewer/ui/ProgressiveLoader.h"
#include "viewer/ui/ViewportGrid.h"

namespace countyread::viewer {
namespace {

using Source = ViewportSpec::Source;
using Display = ViewportSpec::Display;

bool radiography(const std::string& m) { return m == "DX" || m == "CR" || m == "DR"; }

}  // namespace

void MainWindow::buildLayoutMenu() {
    layout_menu_ = menuBar()->addMenu(QString());
    const struct {
        UiText::Key label;
        int rows, columns;
        Qt::Key key;
    } layouts[] = {{UiText::Layout1x1, 1, 1, Qt::Key_1},
                   {UiText::Layout1x2, 1, 2, Qt::Key_2},
                   {UiText::Layout2x1, 2, 1, Qt::Key_3},
                   {UiText::Layout2x2, 2, 2, Qt::Key_4}};
    for (const auto& l : layouts) {
        QAction* action = layout_menu_->addAction(QString());
        action->setObjectName(QStringLiteral("layout%1x%2").arg(l.rows).arg(l.columns));
        action->setShortcut(QKeySequence(Qt::ALT | l.key));
        action->setShortcutContext(Qt::WindowShortcut);
        const int rows = l.rows, columns = l.columns;
        connect(action, &QAction::triggered, this, [this, rows, columns] { setLayout(rows, columns); });
        menu_actions_.emplace_back(action, l.label);
        addAction(action);  // the shortcut works while the menu is closed
    }
    layout_menu_->addSeparator();
    sync_action_ = layout_menu_->addAction(QString());
    sync_action_->setCheckable(true);
    sync_action_->setShortcut(QKeySequence(Qt::ALT | Qt::Key_S));
    connect(sync_action_, &QAction::toggled, this, [this](bool on) { grid_->setSyncScroll(on); });
    menu_actions_.emplace_back(sync_action_, UiText::SyncScroll);
    addAction(sync_action_);
    QAction* save = layout_menu_->addAction(QString());
    save->setObjectName(QStringLiteral("saveLayout"));
    connect(save, &QAction::triggered, this, [this] { saveLayoutAsDefault(); });
    menu_actions_.emplace_back(save, UiText::SaveLayout);
}

StudyFacts MainWindow::factsOf(const StudyRow& row, const std::vector<InstanceRow>& instances,
                               const LoadedStudy* loaded) const {
    // The study as the protocol engine sees it: modality, body part, description, series.
    StudyFacts facts;
    facts.study_uid = row.study_uid;
    facts.modality = row.modality;
    facts.description = row.study_description;
    if (loaded) {
        if (facts.modality.empty()) facts.modality = loaded->attributes.modality;
        if (facts.description.empty()) facts.description = loaded->attributes.study_description;
        facts.body_part = loaded->attributes.body_part;
    }
    if (facts.modality.empty() && !instances.empty()) facts.modality = instances.front().modality;
    for (const auto& s : ProgressiveLoader::seriesOf(instances))
        if (s.modality != "PR" && s.modality != "SR" && s.modality != "KO")
            facts.series.push_back({s.series_uid, s.description, s.instances});
    return facts;
}

void MainWindow::listPriors(const StudyRow& row) {
    newest_prior_.reset();
    newest_prior_instances_.clear();
    std::vector<StudyRow> priors;
    try {
        priors = client_.priors(row.study_uid);
    } catch (const std::exception& e) {
        // An older server without the route, or a study one may not see priors of.
        qWarning("countyread-viewer: priors of %s: %s", row.study_uid.c_str(), e.what());
    }
    priors.erase(std::remove_if(priors.begin(), priors.end(),
                                [&](const StudyRow& p) { return p.study_uid == row.study_uid; }),
                 priors.end());
    priors_->setPriors(priors);
    if (priors.empty()) return;
    // The protocol engine sees the newest prior (of the same kind for radiographs).
    const StudyRow* pick = &priors.front();
    for (const auto& p : priors) {
        if (radiography(p.modality) == radiography(row.modality) || row.modality.empty()) {
            pick = &p;
            break;
        }
    }
    try {
        newest_prior_instances_ = client_.instances(pick->study_uid);
        newest_prior_ = *pick;
    } catch (const std::exception& e) {
        qWarning("countyread-viewer: prior %s: %s", pick->study_uid.c_str(), e.what());
    }
}

void MainWindow::applyHangingProtocol() {
    // Built-in protocols, then the user's own from hanging-protocols.json in the settings
    // folder ($XDG_CONFIG_HOME/countyread); the user's win ties.
    HangingProtocolEngine engine;
    try {
        for (auto& p : UserProtocols::load(UserProtocols::defaultPath())) engine.put(std::move(p));
    } catch (const std::exception& e) {
        qWarning("countyread-viewer: %s", e.what());
    }
    const StudyFacts facts = factsOf(opening_, instances_, study_.get());
    std::optional<StudyFacts> prior;
    if (newest_prior_) prior = factsOf(*newest_prior_, newest_prior_instances_, nullptr);
    protocol_ = engine.match(facts, prior);
    protocol_id_ = protocol_ ? protocol_->id : std::string();
    grid_->clearAll();
    if (!protocol_) {
        grid_->setGrid(1, 1);
        return;
    }
    const auto viewports = HangingProtocolEngine::assign(*protocol_, facts, prior);
    grid_->setGrid(protocol_->rows, protocol_->columns);
    bool wants_prior = false;
    for (int i = 0; i < grid_->count() && i < static_cast<int>(viewports.size()); ++i) {
        const ViewportAssignment& a = viewports[static_cast<std::size_t>(i)];
        GridCell cell;
        cell.display = a.display;
        cell.preset = a.preset;
        if (a.study_uid && prior && *a.study_uid == prior->study_uid) {
            cell.source = Source::Prior;
            wants_prior = true;
        }
        cell.series_uid = a.study_uid ? a.series_uid : std::string();
        grid_->assign(i, cell);
    }
    grid_->setActive(0);
    if (wants_prior && newest_prior_) startPrior(*newest_prior_, newest_prior_instances_);
    statusBar()->showMessage(
        QString::fromStdString(text_.chinese() ? protocol_->name_zh : protocol_->name_en), 4000);
}

void MainWindow::placeCurrent() {
    const bool first = !grid_->cell(0).shown;
    for (int i : grid_->place(Source::Current, study_)) applyCellPreset(i);
    if (first && grid_->cell(0).shown) grid_->viewport(0)->setFocus();
}

void MainWindow::placePrior() {
    prior_study_ = prior_loader_->study();
    for (int i : grid_->place(Source::Prior, prior_study_)) applyCellPreset(i);
}

void MainWindow::applyCellPreset(int index) {
    const GridCell& cell = grid_->cell(index);
    ImageViewport* view = grid_->viewport(index);
    // A window asked for on the command line goes to the first viewport of the current study.
    if (initial_window_) {
        if (index == 0 && cell.source == Source::Current) view->setWindow(*initial_window_);
        return;
    }
    if (cell.preset.empty()) return;
    // A built-in protocol's preset only where the file has no window of its own.
    const auto* frame = view->sliceView().frame();
    const bool file_window = frame && frame->window_from_file;
    if (protocol_ && !protocol_->user_defined && file_window) return;
    const auto presets = view->presets();
    for (std::size_t i = 0; i < presets.size(); ++i) {
        if (presets[i].key == cell.preset) {
            view->applyPreset(static_cast<int>(i) + 1);
            break;
        }
    }
}

void MainWindow::startPrior(const StudyRow& prior, std::vector<InstanceRow> instances) {
    prior_loader_->cancel();
    prior_row_ = prior;
    prior_study_.reset();
    priors_->markOpen(prior.study_uid);
    prior_loader_->start(prior, std::move(instances), fetcherFactory(), loading_threads_);
}

bool MainWindow::openPrior(const StudyRow& prior) {
    if (!study_) {
        showError(text_(UiText::Priors), text_(UiText::NoStudyOpen));
        return false;
    }
    std::vector<InstanceRow> instances;
    try {
        QApplication::setOverrideCursor(Qt::WaitCursor);
        instances = client_.instances(prior.study_uid);
        QApplication::restoreOverrideCursor();
    } catch (const std::exception& e) {
        QApplication::restoreOverrideCursor();
        showError(text_(UiText::LoadFailed), QString::fromUtf8(e.what()));
        return false;
    }
    // The prior goes into a viewport already showing one, else the right-hand one.
    int target = -1;
    for (int i = 0; i < grid_->count() && target < 0; ++i)
        if (grid_->cell(i).source == Source::Prior) target = i;
    if (target < 0) {
        if (grid_->count() == 1) grid_->setGrid(1, 2);
        target = grid_->columns() - 1;
    }
    GridCell cell;
    cell.source = Source::Prior;
    grid_->assign(target, cell);
    grid_->setActive(target);
    startPrior(prior, std::move(instances));
    return true;
}

void MainWindow::setLayout(int rows, int columns) {
    const int before = grid_->count();
    grid_->setGrid(rows, columns);
    // New viewports: the current study's next series not shown yet, else the prior, else the
    // first viewport's series.
    for (int i = before; i < grid_->count(); ++i) {
        if (grid_->cell(i).shown) continue;
        GridCell cell;
        std::vector<std::string> shown;
        for (int j = 0; j < grid_->count(); ++j)
            if (j != i && grid_->cell(j).source == Source::Current)
                shown.push_back(grid_->cell(j).series_uid);
        bool found = false;
        for (const auto& s : ProgressiveLoader::seriesOf(instances_)) {
            if (s.modality == "PR" || s.modality == "SR" || s.modality == "KO") continue;
            if (std::find(shown.begin(), shown.end(), s.series_uid) == shown.end()) {
                cell.series_uid = s.series_uid;
                found = true;
                break;
            }
        }
        if (!found && prior_study_) {
            bool prior_shown = false;
            for (int j = 0; j < grid_->count(); ++j)
                prior_shown = prior_shown || (j != i && grid_->cell(j).source == Source::Prior);
            if (!prior_shown) cell.source = Source::Prior;
        }
        if (!found && cell.source == Source::Current) cell.series_uid = grid_->cell(0).series_uid;
        grid_->assign(i, cell);
    }
    placeCurrent();
    placePrior();
    updateStatus();
}

bool MainWindow::saveLayoutAsDefault() {
    if (!study_) {
        showError(text_(UiText::LayoutNotSaved), text_(UiText::NoStudyOpen));
        return false;
    }
    const StudyFacts facts = factsOf(opening_, instances_, study_.get());
    std::vector<ViewportSpec> specs;
    for (int i = 0; i < grid_->count(); ++i) {
        const GridCell& cell = grid_->cell(i);
        ViewportSpec spec;
        spec.source = cell.source;
        spec.display = cell.display;
        // Which series: the first, the largest, or one by its description.
        std::vector<SeriesFacts> series = facts.series;
        if (cell.source == Source::Prior && prior_study_)
            series = factsOf(prior_row_, prior_study_->instances, prior_study_.get()).series;
        spec.series = "first";
        if (!series.empty() && !cell.series_uid.empty() &&
            cell.series_uid != series.front().series_uid) {
            const auto largest = std::max_element(
                series.begin(), series.end(),
                [](const SeriesFacts& a, const SeriesFacts& b) { return a.images < b.images; });
            spec.series = "largest";
            if (largest->series_uid != cell.series_uid) {
                for (const auto& s : series)
                    if (s.series_uid == cell.series_uid && !s.description.empty())
                        spec.series = s.description;
            }
        }
        // The window shown, when it is one of the presets.
        const ImageViewport* view = grid_->viewport(i);
        spec.preset = cell.preset;
        for (const auto& p : view->presets()) {
            if (std::abs(p.window.center - view->window().center) < 0.5 &&
                std::abs(p.window.width - view->window().width) < 0.5 && !p.key.empty()) {
                spec.preset = p.key;
                break;
            }
        }
        specs.push_back(spec);
    }
    const HangingProtocol protocol =
        UserProtocols::forStudy(facts, newest_prior_.has_value() || prior_study_ != nullptr,
                                grid_->rows(), grid_->columns(), std::move(specs));
    try {
        UserProtocols::save(UserProtocols::defaultPath(), protocol);
    } catch (const std::exception& e) {
        showError(text_(UiText::LayoutNotSaved), QString::fromUtf8(e.what()));
        return false;
    }
    protocol_id_ = protocol.id;
    statusBar()->showMessage(text_(UiText::LayoutSaved)
                                 .arg(QString::fromStdString(facts.modality),
                                      QString::fromStdString(protocol.id)),
                             5000);
    return true;
}

}  // namespace countyread::viewer
