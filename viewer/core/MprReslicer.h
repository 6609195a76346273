#pragma once
// Multiplanar reformation of a Volume: axial (the acquired planes), coronal and sagittal
// images, thin or as a thick slab (maximum intensity projection or mean over several slices).
// Each reformatted image is an ImageFrame with its own patient geometry (Image Position /
// Orientation, Pixel Spacing), so orientation letters, scale bar and measurements work on it.
// Coronal and sagittal images have the head at the top.
#include <memory>

#include "dicom/image/ImageFrame.h"
#include "viewer/core/Volume.h"

namespace countyread::viewer {

enum class MprPlane { Axial, Coronal, Sagittal };
enum class SlabMode { Mip, Mean };

class MprReslicer {
public:
    explicit MprReslicer(std::shared_ptr<const Volume> volume);

    int sliceCount(MprPlane plane) const;
    // Slice `index` of `plane`; `slab` slices thick (1 = thin), centred on `index`.
    std::shared_ptr<dicom::ImageFrame> slice(MprPlane plane, int index, int slab = 1,
                                             SlabMode mode = SlabMode::Mip) const;

    // Volume voxel (i, j, k) <-> (slice index, pixel column, pixel row) of a plane; pixels are
    // fractional, pixel centres at integers.
    struct PlanePoint {
        int index = 0;
        double column = 0.0, row = 0.0;
    };
    PlanePoint toPlane(MprPlane plane, const Vec3& ijk) const;
    Vec3 toVolume(MprPlane plane, int index, double column, double row) const;

    const Volume& volume() const { return *volume_; }

private:
    // Output row r of a coronal/sagittal image shows volume slice k = kFor(r).
    int kFor(int row) const;
    bool head_up_reversed_ = false;  // rows run against the volume's k
    std::shared_ptr<const Volume> volume_;
};

}  // namespace countyread::viewer
