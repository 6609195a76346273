#pragma once
// The reading toolbar above the image: the left-button tool (window/level, pan, zoom, probe,
// measurements), view actions (fit, 1:1, rotate, flip, invert, cine, reset, overlays) and the
// window presets of the image shown. Buttons name their keyboard shortcut; the keys themselves
// are handled by the viewport (so they act only when the image has the focus, never while
// typing a report).
#include <QToolBar>

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

    // The action for a tool (checkable, one checked at a time).
    QAction* toolAction(Tool tool) const;
    // Rebuilds the presets menu for the image now shown.
    void refreshPresets();

signals:
    void deleteAnnotationRequested();
    void saveAnnotationsRequested();
    void mprRequested();

private:
    QAction* addToolAction(Tool tool, UiText::Key label);

    const UiText& text_;
    ImageViewport& viewport_;
    QActionGroup* tools_;
    QMenu* presets_;
    QAction* invert_;
    QAction* enhance_;
    QAction* cine_;
    QAction* overlays_;
};

}  // namespace countyread::viewer
