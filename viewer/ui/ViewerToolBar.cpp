#include "viewer/ui/ViewerToolBar.h"

#include <QActionGroup>
#include <QMenu>
#include <QToolButton>

#include "viewer/ui/ImageViewport.h"

namespace countyread::viewer {

ViewerToolBar::ViewerToolBar(const UiText& text, ImageViewport& viewport, QWidget* parent)
    : QToolBar(parent), text_(text), viewport_(&viewport) {
    setObjectName(QStringLiteral("readingTools"));
    setMovable(false);
    setToolButtonStyle(Qt::ToolButtonTextOnly);
    tools_ = new QActionGroup(this);
    tools_->setExclusive(true);
    addToolAction(Tool::WindowLevel, UiText::ToolWindowLevel)->setChecked(true);
    addToolAction(Tool::Pan, UiText::ToolPan);
    addToolAction(Tool::Zoom, UiText::ToolZoom);
    addToolAction(Tool::Probe, UiText::ToolProbe);
    addSeparator();
    addToolAction(Tool::Length, UiText::ToolLength);
    addToolAction(Tool::Angle, UiText::ToolAngle);
    addToolAction(Tool::Cobb, UiText::ToolCobb);
    addToolAction(Tool::CardioThoracic, UiText::ToolCardioThoracic);
    addToolAction(Tool::Ellipse, UiText::ToolEllipse);
    addToolAction(Tool::Rectangle, UiText::ToolRectangle);
    addToolAction(Tool::Arrow, UiText::ToolArrow);
    addToolAction(Tool::Text, UiText::ToolText);
    connect(addLabelled(UiText::DeleteAnnotation), &QAction::triggered, this,
            [this] { emit deleteAnnotationRequested(); });
    connect(addLabelled(UiText::SaveAnnotations), &QAction::triggered, this,
            [this] { emit saveAnnotationsRequested(); });
    addSeparator();

    presets_button_ = new QToolButton(this);
    presets_button_->setText(text_(UiText::Presets));
    presets_button_->setPopupMode(QToolButton::InstantPopup);
    presets_ = new QMenu(presets_button_);
    presets_button_->setMenu(presets_);
    addWidget(presets_button_);
    connect(addLabelled(UiText::Fit), &QAction::triggered, this, [this] { viewport_->fit(); });
    connect(addLabelled(UiText::OneToOne), &QAction::triggered, this,
            [this] { viewport_->oneToOne(); });
    connect(addLabelled(UiText::RotateLeft), &QAction::triggered, this,
            [this] { viewport_->rotate(-1); });
    connect(addLabelled(UiText::RotateRight), &QAction::triggered, this,
            [this] { viewport_->rotate(1); });
    connect(addLabelled(UiText::FlipHorizontal), &QAction::triggered, this,
            [this] { viewport_->flipHorizontal(); });
    connect(addLabelled(UiText::FlipVertical), &QAction::triggered, this,
            [this] { viewport_->flipVertical(); });
    invert_ = addLabelled(UiText::Invert);
    invert_->setCheckable(true);
    connect(invert_, &QAction::toggled, this, [this](bool on) { viewport_->setInvert(on); });
    enhance_ = addLabelled(UiText::Enhance);
    enhance_->setCheckable(true);
    connect(enhance_, &QAction::toggled, this, [this](bool on) { viewport_->setEnhanced(on); });
    cine_ = addLabelled(UiText::Cine);
    cine_->setCheckable(true);
    connect(cine_, &QAction::toggled, this, [this](bool on) { viewport_->setCinePlaying(on); });
    overlays_ = addLabelled(UiText::Overlays);
    overlays_->setCheckable(true);
    overlays_->setChecked(true);
    connect(overlays_, &QAction::toggled, this,
            [this](bool on) { viewport_->setOverlaysVisible(on); });
    connect(addLabelled(UiText::Mpr), &QAction::triggered, this, [this] { emit mprRequested(); });
    connect(addLabelled(UiText::ResetView), &QAction::triggered, this, [this] {
        viewport_->resetView();
        invert_->setChecked(false);
    });
    connect(presets_, &QMenu::aboutToShow, this, [this] { refreshPresets(); });
    setViewport(viewport);
}

void ViewerToolBar::setViewport(ImageViewport& viewport) {
    for (auto& c : viewport_connections_) disconnect(c);
    viewport_connections_.clear();
    viewport_ = &viewport;
    // Keep the buttons in step with what the keys did in the viewport.
    viewport_connections_.push_back(
        connect(viewport_, &ImageViewport::toolChanged, this, [this](Tool tool) {
            if (QAction* a = toolAction(tool)) a->setChecked(true);
        }));
    viewport_connections_.push_back(
        connect(viewport_, &ImageViewport::cineChanged, this, [this](bool playing) {
            const QSignalBlocker block(cine_);
            cine_->setChecked(playing);
        }));
    viewport_connections_.push_back(
        connect(viewport_, &ImageViewport::viewChanged, this, [this] { syncChecks(); }));
    syncChecks();
}

void ViewerToolBar::syncChecks() {
    if (QAction* a = toolAction(viewport_->tool())) a->setChecked(true);
    const QSignalBlocker block_invert(invert_);
    invert_->setChecked(viewport_->invert());
    const QSignalBlocker block_enhance(enhance_);
    enhance_->setChecked(viewport_->enhanced());
    const QSignalBlocker block_cine(cine_);
    cine_->setChecked(viewport_->cinePlaying());
    const QSignalBlocker block_overlays(overlays_);
    overlays_->setChecked(viewport_->overlaysVisible());
}

QAction* ViewerToolBar::addLabelled(UiText::Key label) {
    QAction* action = addAction(text_(label));
    labelled_.emplace_back(action, label);
    return action;
}

QAction* ViewerToolBar::addToolAction(Tool tool, UiText::Key label) {
    QAction* action = addLabelled(label);
    action->setCheckable(true);
    action->setData(static_cast<int>(tool));
    tools_->addAction(action);
    connect(action, &QAction::triggered, this, [this, tool] { viewport_->setTool(tool); });
    return action;
}

QAction* ViewerToolBar::toolAction(Tool tool) const {
    for (QAction* a : tools_->actions()) {
        if (a->data().toInt() == static_cast<int>(tool)) return a;
    }
    return nullptr;
}

void ViewerToolBar::retranslate() {
    for (auto& [action, key] : labelled_) action->setText(text_(key));
    presets_button_->setText(text_(UiText::Presets));
}

void ViewerToolBar::refreshPresets() {
    presets_->clear();
    const auto list = viewport_->presets();
    for (std::size_t i = 0; i < list.size(); ++i) {
        const auto& p = list[i];
        QString label = QString::fromStdString(p.name(text_.chinese()));
        label += QStringLiteral("  %1/%2").arg(p.window.width).arg(p.window.center);
        if (i < 9) label = QStringLiteral("%1  ").arg(i + 1) + label;
        const int number = static_cast<int>(i) + 1;
        presets_->addAction(label, this, [this, number] { viewport_->applyPreset(number); });
    }
}

}  // namespace countyread::viewer
