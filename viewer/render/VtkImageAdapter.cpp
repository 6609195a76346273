#include "viewer/render/VtkImageAdapter.h"

#include <vtkImageData.h>
#include <vtkPointData.h>
#include <vtkShortArray.h>
#include <vtkUnsignedShortArray.h>

#include <cstring>

namespace countyread::viewer {

vtkSmartPointer<vtkImageData> VtkImageAdapter::toImageData(const dicom::ImageFrame& frame) {
    auto image = vtkSmartPointer<vtkImageData>::New();
    image->SetDimensions(frame.width, frame.height, 1);
    image->SetSpacing(frame.column_spacing, frame.row_spacing, 1.0);
    image->SetOrigin(0.0, 0.0, 0.0);
    image->AllocateScalars(frame.is_signed ? VTK_SHORT : VTK_UNSIGNED_SHORT, 1);
    const std::size_t count = static_cast<std::size_t>(frame.width) * frame.height;
    if (frame.pixels.size() >= count) {
        std::memcpy(image->GetScalarPointer(), frame.pixels.data(), count * sizeof(std::uint16_t));
    }
    return image;
}

vtkSmartPointer<vtkImageData> VtkImageAdapter::wrap(const dicom::ImageFrame& frame) {
    auto image = vtkSmartPointer<vtkImageData>::New();
    image->SetDimensions(frame.width, frame.height, 1);
    image->SetSpacing(frame.column_spacing, frame.row_spacing, 1.0);
    image->SetOrigin(0.0, 0.0, 0.0);
    const vtkIdType count = static_cast<vtkIdType>(frame.width) * frame.height;
    if (static_cast<vtkIdType>(frame.pixels.size()) < count) return toImageData(frame);
    auto* data = const_cast<std::uint16_t*>(frame.pixels.data());
    if (frame.is_signed) {
        auto array = vtkSmartPointer<vtkShortArray>::New();
        array->SetArray(reinterpret_cast<short*>(data), count, /*save=*/1);
        image->GetPointData()->SetScalars(array);
    } else {
        auto array = vtkSmartPointer<vtkUnsignedShortArray>::New();
        array->SetArray(data, count, /*save=*/1);
        image->GetPointData()->SetScalars(array);
    }
    return image;
}

}  // namespace countyread::viewer
