#pragma once
// The 3D window: volume rendering of one CT series' Volume (VolumeRenderWidget) with the preset
// chooser (also keys 1-5 in the view), a reset button, which ray caster draws it (GPU / CPU),
// the mouse help, and — in red — what was resampled to build the volume (gantry tilt, uneven
// spacing). Opened from the main window's "3D" action, like the MPR window.
#include <QWidget>
#include <memory>

#include "viewer/core/LoadedStudy.h"
#include "viewer/core/RenderPath.h"
#include "viewer/core/Volume.h"
#include "viewer/ui/UiText.h"

class QComboBox;
class QLabel;
class QPushButton;

namespace countyread::viewer {

class VolumeRenderWidget;

class VolumeWindow : public QWidget {
    Q_OBJECT
public:
    // The window (through its scene) keeps `volume` alive while it shows it; `source` supplies
    // the patient name for the title.
    VolumeWindow(std::shared_ptr<const Volume> volume, const LoadedStudy& source,
                 const UiText& text, RenderPath path, QWidget* parent = nullptr);

    VolumeRenderWidget* view() const { return view_; }
    QComboBox* presetBox() const { return presets_; }
    void setPreset(int index);
    QString note() const;
    QString renderPathLabel() const;
    // Labels and preset names again in the UiText's (new) language.
    void retranslate();

private:
    void updatePathLabel();

    const UiText& text_;
    VolumeRenderWidget* view_;
    QComboBox* presets_;
    QLabel* note_;
    QLabel* path_;
    QLabel* preset_label_;
    QLabel* help_;
    QPushButton* reset_;
    QString patient_;
};

}  // namespace countyread::viewer
