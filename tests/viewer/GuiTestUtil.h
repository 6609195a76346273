#pragma once
// Helpers shared by the GUI tests: phantom frames and waiting for X11 to expose windows.
#include <QWidget>
#include <cstdint>
#include <memory>

#include "dicom/image/ImageFrame.h"
#include "viewer/render/RgbImage.h"

namespace countyread::test {

// width x height frame: left half `left`, right half `right` (stored values).
std::shared_ptr<dicom::ImageFrame> halvesFrame(int width, int height, int left, int right,
                                               bool is_signed = false, bool monochrome1 = false,
                                               double slope = 1.0, double intercept = 0.0);

// Processes events until the widget's window is exposed (and a little longer).
void waitExposed(QWidget& widget);

// Saves a capture as $COUNTYREAD_KEEP_CAPTURES/<name>.png when that variable names a folder
// (for looking at what a test saw); does nothing otherwise.
void keepCapture(const viewer::RgbImage& image, const std::string& name);

}  // namespace countyread::test
