#include "viewer/core/DisplayEnhancement.h"

#include <algorithm>
#include <cmath>
#include <opencv2/core.hpp>
#include <opencv2/imgproc.hpp>

namespace countyread::viewer {

std::shared_ptr<const dicom::ImageFrame> DisplayEnhancement::apply(const dicom::ImageFrame& frame,
                                                                   const EnhancementSettings& s) {
    auto out = std::make_shared<dicom::ImageFrame>(frame);
    const std::size_t count = static_cast<std::size_t>(frame.width) * frame.height;
    if (frame.pixels.size() < count || frame.width < 2 || frame.height < 2) return out;
    const int lo = frame.stored_min, hi = frame.stored_max;
    if (hi <= lo) return out;

    // Stored values -> 0..65535 (CLAHE works on unsigned 8/16-bit images).
    const cv::Mat stored(frame.height, frame.width, frame.is_signed ? CV_16SC1 : CV_16UC1,
                         const_cast<std::uint16_t*>(frame.pixels.data()));
    const double scale = 65535.0 / (hi - lo);
    cv::Mat u16;
    stored.convertTo(u16, CV_16U, scale, -lo * scale);
    cv::Mat work;
    if (s.clahe) {
        auto clahe = cv::createCLAHE(
            s.clahe_clip_limit, cv::Size(std::max(1, s.clahe_tiles), std::max(1, s.clahe_tiles)));
        clahe->apply(u16, work);
    } else {
        work = u16;
    }
    cv::Mat f32;
    work.convertTo(f32, CV_32F);
    if (s.unsharp && s.unsharp_amount > 0) {
        const double sigma_px =
            std::max(0.5, s.unsharp_sigma_mm / std::max(frame.column_spacing, 1e-6));
        cv::Mat blurred;
        cv::GaussianBlur(f32, blurred, cv::Size(0, 0), sigma_px, sigma_px, cv::BORDER_REFLECT);
        f32 = f32 * (1.0 + s.unsharp_amount) - blurred * s.unsharp_amount;  // sharpened
    }
    // Back to the stored range, clipped to it.
    cv::Mat back;
    f32.convertTo(back, CV_32F, 1.0 / scale, lo);
    cv::Mat clipped = cv::max(cv::min(back, static_cast<double>(hi)), static_cast<double>(lo));
    cv::Mat result;
    clipped.convertTo(result, frame.is_signed ? CV_16SC1 : CV_16UC1);  // rounds
    std::copy(reinterpret_cast<const std::uint16_t*>(result.datastart),
              reinterpret_cast<const std::uint16_t*>(result.dataend), out->pixels.begin());
    return out;
}

}  // namespace countyread::viewer
