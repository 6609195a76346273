#pragma once
// ImageFrame (stored values) -> vtkImageData (VTK_SHORT / VTK_UNSIGNED_SHORT, spacing in mm).
#include <vtkSmartPointer.h>

#include "dicom/image/ImageFrame.h"

class vtkImageData;

namespace countyread::viewer {

class VtkImageAdapter {
public:
    // Copies the 2-byte stored values (row 0 = y 0; the camera shows y downwards).
    static vtkSmartPointer<vtkImageData> toImageData(const dicom::ImageFrame& frame);
    // Zero-copy: the image data points at frame.pixels, which must outlive it (and not change).
    static vtkSmartPointer<vtkImageData> wrap(const dicom::ImageFrame& frame);
};

}  // namespace countyread::viewer
