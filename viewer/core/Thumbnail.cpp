#include "viewer/core/Thumbnail.h"

#include <algorithm>
#include <cmath>
#include <opencv2/core.hpp>
#include <opencv2/imgproc.hpp>

namespace countyread::viewer {

GreyImage Thumbnail::make(const dicom::ImageFrame& frame, const WindowLevel& window, int max_side) {
    GreyImage out;
    const std::size_t count = static_cast<std::size_t>(frame.width) * frame.height;
    if (frame.width <= 0 || frame.height <= 0 || frame.pixels.size() < count || max_side < 1)
        return out;
    const double w_mm = frame.width * frame.column_spacing;
    const double h_mm = frame.height * frame.row_spacing;
    const double scale = max_side / std::max(w_mm, h_mm);
    out.width = std::max(1, static_cast<int>(std::lround(w_mm * scale)));
    out.height = std::max(1, static_cast<int>(std::lround(h_mm * scale)));
    const cv::Mat stored(frame.height, frame.width, frame.is_signed ? CV_16SC1 : CV_16UC1,
                         const_cast<std::uint16_t*>(frame.pixels.data()));
    cv::Mat small;
    // Area averaging when shrinking; linear when a tiny image is enlarged.
    const bool shrinking = out.width <= frame.width && out.height <= frame.height;
    cv::Mat as_float;
    stored.convertTo(as_float, CV_32F);
    cv::resize(as_float, small, cv::Size(out.width, out.height), 0, 0,
               shrinking ? cv::INTER_AREA : cv::INTER_LINEAR);
    const WindowLevel s = window.toStored(frame.rescale_slope, frame.rescale_intercept);
    // grey = (stored - lower) / width * 255, clamped; inverted for MONOCHROME1 (and for a
    // negative slope, which turns the stored order around).
    bool invert = frame.monochrome1;
    if (frame.rescale_slope < 0) invert = !invert;
    double alpha = 255.0 / s.width, beta = -s.lower() * alpha;
    if (invert) {
        alpha = -alpha;
        beta = 255.0 - beta;
    }
    cv::Mat grey;
    small.convertTo(grey, CV_8U, alpha, beta);  // saturating
    out.pixels.assign(grey.datastart, grey.dataend);
    return out;
}

}  // namespace countyread::viewer
