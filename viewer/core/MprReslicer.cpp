#include "viewer/core/MprReslicer.h"

#include <algorithm>
#include <cmath>
#include <limits>
#include <vector>

namespace countyread::viewer {

MprReslicer::MprReslicer(std::shared_ptr<const Volume> volume) : volume_(std::move(volume)) {
    // Rows of coronal / sagittal images go towards the feet: if the normal points to the head
    // (+z), row 0 is the last slice.
    head_up_reversed_ = volume_->normal[2] >= 0;
}

int MprReslicer::sliceCount(MprPlane plane) const {
    switch (plane) {
        case MprPlane::Axial:
            return volume_->nz;
        case MprPlane::Coronal:
            return volume_->ny;
        case MprPlane::Sagittal:
            return volume_->nx;
    }
    return 0;
}

int MprReslicer::kFor(int row) const { return head_up_reversed_ ? volume_->nz - 1 - row : row; }

MprReslicer::PlanePoint MprReslicer::toPlane(MprPlane plane, const Vec3& v) const {
    const double row_of_k = head_up_reversed_ ? volume_->nz - 1 - v[2] : v[2];
    switch (plane) {
        case MprPlane::Axial:
            return {static_cast<int>(std::lround(v[2])), v[0], v[1]};
        case MprPlane::Coronal:
            return {static_cast<int>(std::lround(v[1])), v[0], row_of_k};
        case MprPlane::Sagittal:
            return {static_cast<int>(std::lround(v[0])), v[1], row_of_k};
    }
    return {};
}

Vec3 MprReslicer::toVolume(MprPlane plane, int index, double column, double row) const {
    const double k_of_row = head_up_reversed_ ? volume_->nz - 1 - row : row;
    switch (plane) {
        case MprPlane::Axial:
            return {column, row, static_cast<double>(index)};
        case MprPlane::Coronal:
            return {column, static_cast<double>(index), k_of_row};
        case MprPlane::Sagittal:
            return {static_cast<double>(index), column, k_of_row};
    }
    return {};
}

std::shared_ptr<dicom::ImageFrame> MprReslicer::slice(MprPlane plane, int index, int slab,
                                                      SlabMode mode) const {
    const Volume& v = *volume_;
    auto f = std::make_shared<dicom::ImageFrame>();
    const int count = sliceCount(plane);
    index = std::clamp(index, 0, std::max(0, count - 1));
    slab = std::max(1, slab);
    const int first = std::max(0, index - (slab - 1) / 2);
    const int last = std::min(count - 1, first + slab - 1);
    // Pixel (column, row) of the output and its volume voxel for slab layer s.
    int width = 0, height = 0;
    Vec3 row_dir{}, column_dir{};
    const Vec3 down = head_up_reversed_ ? Vec3{-v.normal[0], -v.normal[1], -v.normal[2]} : v.normal;
    switch (plane) {
        case MprPlane::Axial:
            width = v.nx, height = v.ny;
            f->column_spacing = v.sx, f->row_spacing = v.sy;
            row_dir = v.row, column_dir = v.column;
            break;
        case MprPlane::Coronal:
            width = v.nx, height = v.nz;
            f->column_spacing = v.sx, f->row_spacing = v.sz;
            row_dir = v.row, column_dir = down;
            break;
        case MprPlane::Sagittal:
            width = v.ny, height = v.nz;
            f->column_spacing = v.sy, f->row_spacing = v.sz;
            row_dir = v.column, column_dir = down;
            break;
    }
    f->width = width;
    f->height = height;
    f->spacing_source = dicom::SpacingSource::PixelSpacing;
    f->is_signed = v.is_signed;
    f->rescale_slope = v.rescale_slope;
    f->rescale_intercept = v.rescale_intercept;
    f->window_center = v.window_center;
    f->window_width = v.window_width;
    f->image_orientation = std::array<double, 6>{row_dir[0],    row_dir[1],    row_dir[2],
                                                 column_dir[0], column_dir[1], column_dir[2]};
    const Vec3 corner = [&] {
        switch (plane) {
            case MprPlane::Axial:
                return v.patient(0, 0, index);
            case MprPlane::Coronal:
                return v.patient(0, index, kFor(0));
            case MprPlane::Sagittal:
                return v.patient(index, 0, kFor(0));
        }
        return Vec3{};
    }();
    f->image_position = corner;
    f->slice_thickness = (last - first + 1) * (plane == MprPlane::Axial     ? v.sz
                                               : plane == MprPlane::Coronal ? v.sy
                                                                            : v.sx);
    f->pixels.resize(static_cast<std::size_t>(width) * height);
    // Row by row, slab layer by layer: each layer of an output row is a run of one plane of the
    // volume (a row of an axial or coronal plane, a column of a sagittal one).
    std::vector<int> best(static_cast<std::size_t>(width));
    std::vector<long> sum(static_cast<std::size_t>(width));
    const auto decode = [signed_values = v.is_signed](std::uint16_t raw) {
        return signed_values ? static_cast<int>(static_cast<std::int16_t>(raw)) : int{raw};
    };
    int lo = std::numeric_limits<int>::max(), hi = std::numeric_limits<int>::min();
    for (int r = 0; r < height; ++r) {
        std::fill(best.begin(), best.end(), std::numeric_limits<int>::min());
        std::fill(sum.begin(), sum.end(), 0L);
        for (int s = first; s <= last; ++s) {
            const std::uint16_t* run = nullptr;
            std::size_t stride = 1;
            switch (plane) {
                case MprPlane::Axial:
                    run = v.plane(s) + static_cast<std::size_t>(r) * v.nx;
                    break;
                case MprPlane::Coronal:
                    run = v.plane(kFor(r)) + static_cast<std::size_t>(s) * v.nx;
                    break;
                case MprPlane::Sagittal:
                    run = v.plane(kFor(r)) + s;
                    stride = static_cast<std::size_t>(v.nx);
                    break;
            }
            for (int col = 0; col < width; ++col) {
                const int value = decode(run[col * stride]);
                best[col] = std::max(best[col], value);
                sum[col] += value;
            }
        }
        std::uint16_t* out = f->pixels.data() + static_cast<std::size_t>(r) * width;
        const double layers = last - first + 1;
        for (int col = 0; col < width; ++col) {
            const int value = mode == SlabMode::Mip
                                  ? best[col]
                                  : static_cast<int>(std::lround(sum[col] / layers));
            out[col] = static_cast<std::uint16_t>(value);
            lo = std::min(lo, value);
            hi = std::max(hi, value);
        }
    }
    f->stored_min = lo;
    f->stored_max = hi;
    return f;
}

}  // namespace countyread::viewer
