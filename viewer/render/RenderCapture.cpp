#include "viewer/render/RenderCapture.h"

#include <vtkImageData.h>
#include <vtkPointData.h>
#include <vtkRenderWindow.h>
#include <vtkSmartPointer.h>
#include <vtkUnsignedCharArray.h>
#include <vtkWindowToImageFilter.h>

#include <cstring>

namespace countyread::viewer {

RgbImage RenderCapture::capture(vtkRenderWindow* window) {
    RgbImage out;
    if (!window) return out;
    auto filter = vtkSmartPointer<vtkWindowToImageFilter>::New();
    filter->SetInput(window);
    filter->SetInputBufferTypeToRGB();
    filter->ReadFrontBufferOff();
    filter->ShouldRerenderOn();
    filter->Update();
    vtkImageData* image = filter->GetOutput();
    int dims[3];
    image->GetDimensions(dims);
    auto* scalars = vtkUnsignedCharArray::SafeDownCast(image->GetPointData()->GetScalars());
    if (!scalars || dims[0] <= 0 || dims[1] <= 0 || scalars->GetNumberOfComponents() < 3)
        return out;
    out.width = dims[0];
    out.height = dims[1];
    out.rgb.resize(static_cast<std::size_t>(out.width) * out.height * 3);
    const int components = scalars->GetNumberOfComponents();
    const unsigned char* src = scalars->GetPointer(0);
    for (int y = 0; y < out.height; ++y) {
        const unsigned char* row =
            src + static_cast<std::size_t>(out.height - 1 - y) * out.width * components;
        unsigned char* dst = out.rgb.data() + static_cast<std::size_t>(y) * out.width * 3;
        if (components == 3) {
            std::memcpy(dst, row, static_cast<std::size_t>(out.width) * 3);
        } else {
            for (int x = 0; x < out.width; ++x) std::memcpy(dst + x * 3, row + x * components, 3);
        }
    }
    return out;
}

}  // namespace countyread::viewer
