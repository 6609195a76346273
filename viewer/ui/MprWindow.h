#pragma once
// CT multiplanar reformation: axial, coronal and sagittal views of one series' Volume side by
// side, with a synchronised crosshair (click or drag in any view moves the other two to that
// point; scrolling one moves the crosshair in the others), shared window/level, and a thick
// slab (MIP or mean) of adjustable thickness. Frames are resliced on demand (MprReslicer) from
// the Volume, which reads the series' own frames in place unless it had to be resampled, so an
// untilted, evenly spaced series costs no second copy of its voxels. Resampling for gantry tilt
// or uneven spacing is stated at the top, in red.
#include <QWidget>
#include <array>
#include <memory>

#include "viewer/core/LoadedStudy.h"
#include "viewer/core/MprReslicer.h"
#include "viewer/core/RenderPath.h"
#include "viewer/ui/UiText.h"

class QLabel;
class QSpinBox;
class QComboBox;

namespace countyread::viewer {

class ImageViewport;

class MprWindow : public QWidget {
    Q_OBJECT
public:
    // `source` supplies the patient / study overlay text.
    MprWindow(std::shared_ptr<const Volume> volume, const LoadedStudy& source, const UiText& text,
              RenderPath path, QWidget* parent = nullptr);

    ImageViewport* view(MprPlane plane) const { return views_[static_cast<int>(plane)]; }
    const MprReslicer& reslicer() const { return reslicer_; }
    // Moves the crosshair to volume voxel (i, j, k) in all three views.
    void setCrosshair(const Vec3& ijk);
    const Vec3& crosshair() const { return point_; }
    void setSlab(int slices, SlabMode mode);
    QString note() const;
    // Labels and overlays again in the UiText's (new) language.
    void retranslate();

private:
    void planePicked(MprPlane plane, double column, double row);
    void planeScrolled(MprPlane plane, int index);

    const UiText& text_;
    std::shared_ptr<const Volume> volume_;
    MprReslicer reslicer_;
    std::array<ImageViewport*, 3> views_{};
    std::array<std::shared_ptr<LoadedStudy>, 3> studies_;
    Vec3 point_{0, 0, 0};
    int slab_ = 1;
    SlabMode mode_ = SlabMode::Mip;
    bool syncing_ = false;
    QLabel* note_;
    QLabel* slab_label_;
    QSpinBox* slab_box_;
    QComboBox* mode_box_;
};

}  // namespace countyread::viewer
