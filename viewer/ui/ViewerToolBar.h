#pragma once
// The reading toolbar above the images: the left-button tool (window/level, pan, zoom, probe,
// measurements), view actions (fit, 1:1, rotate, flip, invert, cine, reset, overlays) and the
// window presets of the image shown. They act on the active viewport (setViewport follows the
// grid). Buttons name their keyboard shortcut; the keys themselves are handled by the viewport
// (so they act only when an image has the focus, never while typing a report).
#include <QToolBar>
#include <vector>

#include "viewer/core/Tool.h"
#include "viewer/ui/UiText.h"

class QActionGroup;
class QMenu;
class QToolButton;

namespace countyread::viewer {

class ImageViewport;

class ViewerToolBar : public QToolBar {
    Q_OBJECT
public:
    ViewerToolBar(const UiText& text, ImageViewport& viewport, QWidget* parent = nullptr);

    // The viewport the buttons act on (the grid's active one).
    void setViewport(ImageViewport& viewport);
    ImageViewport& viewport() const { return *viewport_; }
    // The action for a tool (checkable, one checked at a time).
    QAction* toolAction(Tool tool) const;
    // Rebuilds the presets menu for the image now shown.
    void refreshPresets();
    // Every label again in the UiText's (new) language.
    void retranslate();

signals:
    void deleteAnnotationRequested();
    void saveAnnotationsRequested();
    void mprRequested();

private:
    QAction* addToolAction(Tool tool, UiText::Key label);
    QAction* addLabelled(UiText::Key label);
    void syncChecks();

    const UiText& text_;
    ImageViewport* viewport_;
    std::vector<QMetaObject::Connection> viewport_connections_;
    std::vector<std::pair<QAction*, UiText::Key>> labelled_;
    QActionGroup* tools_;
    QToolButton* presets_button_;
    QMenu* presets_;
    QAction* invert_;
    QAction* enhance_;
    QAction* cine_;
    QAction* overlays_;
};

}  // namespace countyread::viewer
