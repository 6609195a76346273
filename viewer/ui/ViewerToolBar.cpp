#include "viewer/ui/ViewerToolBar.h"

#include <QActionGroup>
#include <QMenu>
#include <QToolButton>

#include "viewer/ui/ImageViewport.h"

namespace countyread::viewer {

ViewerToolBar::ViewerToolBar(const UiText& text, ImageViewport& viewport, QWidget* parent)
    : QToolBar(parent), text_(text), viewport_(viewport) {
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
    addAction(text_(UiText::DeleteAnnotation), this, [this] { emit deleteAnnotationRequested(); });
    addAction(text_(UiText::SaveAnnotations), this, [this] { emit saveAnnotationsRequested(); });
    addSeparator();

    auto* presets_button = new QToolButton(this);
    presets_button->setText(text_(UiText::Presets));
    presets_button->setPopupMode(QToolButton::InstantPopup);
    presets_ = new QMenu(presets_button);
    presets_button->setMenu(presets_);
    addWidget(presets_button);
    addAction(text_(UiText::Fit), this, [this] { viewport_.fit(); });
    addAction(text_(UiText::OneToOne), this, [this] { viewport_.oneToOne(); });
    addAction(text_(UiText::RotateLeft), this, [this] { viewport_.rotate(-1); });
    addAction(text_(UiText::RotateRight), this, [this] { viewport_.rotate(1); });
    addAction(text_(UiText::FlipHorizontal), this, [this] { viewport_.flipHorizontal(); });
    addAction(text_(UiText::FlipVertical), this, [this] { viewport_.flipVertical(); });
    invert_ = addAction(text_(UiText::Invert));
    invert_->setCheckable(true);
    connect(invert_, &QAction::toggled, this, [this](bool on) { viewport_.setInvert(on); });
    enhance_ = addAction(text_(UiText::Enhance));
    enhance_->setCheckable(true);
    connect(enhance_, &QAction::toggled, this, [this](bool on) { viewport_.setEnhanced(on); });
    cine_ = addAction(text_(UiText::Cine));
    cine_->setCheckable(true);
    connect(cine_, &QAction::toggled, this, [this](bool on) { viewport_.setCinePlaying(on); });
    overlays_ = addAction(text_(UiText::Overlays));
    overlays_->setCheckable(true);
    overlays_->setChecked(true);
    connect(overlays_, &QAction::toggled, this,
            [this](bool on) { viewport_.setOverlaysVisible(on); });
    addAction(text_(UiText::Mpr), this, [this] { emit mprRequested(); });
    addAction(text_(UiText::ResetView), this, [this] {
        viewport_.resetView();
        invert_->setChecked(false);
    });

    // Keep the buttons in step with what the keys did in the viewport.
    connect(&viewport_, &ImageViewport::toolChanged, this, [this](Tool tool) {
        if (QAction* a = toolAction(tool)) a->setChecked(true);
    });
    connect(&viewport_, &ImageViewport::cineChanged, this, [this](bool playing) {
        const QSignalBlocker block(cine_);
        cine_->setChecked(playing);
    });
    connect(&viewport_, &ImageViewport::viewChanged, this, [this] {
        const QSignalBlocker block_invert(invert_);
        invert_->setChecked(viewport_.invert());
        const QSignalBlocker block_enhance(enhance_);
        enhance_->setChecked(viewport_.enhanced());
        const QSignalBlocker block_overlays(overlays_);
        overlays_->setChecked(viewport_.overlaysVisible());
    });
    connect(presets_, &QMenu::aboutToShow, this, [this] { refreshPresets(); });
}

QAction* ViewerToolBar::addToolAction(Tool tool, UiText::Key label) {
    QAction* action = addAction(text_(label));
    action->setCheckable(true);
    action->setData(static_cast<int>(tool));
    tools_->addAction(action);
    connect(action, &QAction::triggered, this, [this, tool] { viewport_.setTool(tool); });
    return action;
}

QAction* ViewerToolBar::toolAction(Tool tool) const {
    for (QAction* a : tools_->actions()) {
        if (a->data().toInt() == static_cast<int>(tool)) return a;
    }
    return nullptr;
}

void ViewerToolBar::refreshPresets() {
    presets_->clear();
    const auto list = viewport_.presets();
    for (std::size_t i = 0; i < list.size(); ++i) {
        const auto& p = list[i];
        QString label = QString::fromStdString(p.name(text_.chinese()));
        label += QStringLiteral("  %1/%2").arg(p.window.width).arg(p.window.center);
        if (i < 9) label = QStringLiteral("%1  ").arg(i + 1) + label;
        const int number = static_cast<int>(i) + 1;
        presets_->addAction(label, this, [this, number] { viewport_.applyPreset(number); });
    }
}

}  // namespace countyread::viewer
