#pragma once
// Helpers shared by the GUI tests: phantom frames and waiting for X11 to expose windows.
#include <QWidget>
#include <cstdint>
#include <memory>

#include "dicom/image/ImageFrame.h"

namespace countyread::test {

// width x height frame: left half `left`, right half `right` (stored values).
std::shared_ptr<dicom::ImageFrame> halvesFrame(int width, int height, int left, int right,
                                               bool is_signed = false, bool monochrome1 = false,
                                               double slope = 1.0, double intercept = 0.0);

// Processes events until the widget's window is exposed (and a little longer).
void waitExposed(QWidget& widget);

}  // namespace countyread::test
