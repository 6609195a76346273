#include "viewer/render/AnnotationLayer.h"

#include <vtkActor2D.h>
#include <vtkCellArray.h>
#include <vtkPoints.h>
#include <vtkPolyData.h>
#include <vtkPolyDataMapper2D.h>
#include <vtkProperty2D.h>
#include <vtkRenderer.h>
#include <vtkSmartPointer.h>
#include <vtkTextActor.h>
#include <vtkTextProperty.h>

#include <array>

#include "viewer/render/OverlayFont.h"

namespace countyread::viewer {

namespace {
constexpr double kColours[3][3] = {{1.0, 0.85, 0.2}, {0.3, 0.9, 1.0}, {1.0, 0.55, 0.2}};
}

struct AnnotationLayer::Vtk {
    vtkRenderer* renderer = nullptr;
    std::array<vtkSmartPointer<vtkPolyData>, 3> lines;
    std::array<vtkSmartPointer<vtkActor2D>, 3> line_actors;
    std::vector<vtkSmartPointer<vtkTextActor>> labels;  // a pool, grown on demand
    std::vector<std::string> label_text;
    std::string font;
};

AnnotationLayer::AnnotationLayer(vtkRenderer* renderer) : vtk_(std::make_unique<Vtk>()) {
    Vtk& v = *vtk_;
    v.renderer = renderer;
    v.font = OverlayFont::cjkFontFile();
    for (int i = 0; i < 3; ++i) {
        v.lines[i] = vtkSmartPointer<vtkPolyData>::New();
        auto mapper = vtkSmartPointer<vtkPolyDataMapper2D>::New();
        mapper->SetInputData(v.lines[i]);
        v.line_actors[i] = vtkSmartPointer<vtkActor2D>::New();
        v.line_actors[i]->SetMapper(mapper);
        v.line_actors[i]->GetProperty()->SetColor(kColours[i][0], kColours[i][1], kColours[i][2]);
        v.line_actors[i]->GetProperty()->SetLineWidth(1.5);
        renderer->AddViewProp(v.line_actors[i]);
    }
}

AnnotationLayer::~AnnotationLayer() = default;

void AnnotationLayer::set(const std::vector<Item>& items, int viewport_height) {
    Vtk& v = *vtk_;
    std::array<vtkSmartPointer<vtkPoints>, 3> points;
    std::array<vtkSmartPointer<vtkCellArray>, 3> cells;
    for (int i = 0; i < 3; ++i) {
        points[i] = vtkSmartPointer<vtkPoints>::New();
        cells[i] = vtkSmartPointer<vtkCellArray>::New();
    }
    std::size_t label_count = 0;
    v.label_text.clear();
    for (const Item& item : items) {
        const int style = static_cast<int>(item.style);
        for (const auto& line : item.lines) {
            if (line.size() < 2) continue;
            cells[style]->InsertNextCell(static_cast<vtkIdType>(line.size()));
            for (const Point2& p : line) {
                cells[style]->InsertCellPoint(
                    points[style]->InsertNextPoint(p.x, viewport_height - p.y, 0.0));
            }
        }
        if (item.label.empty()) continue;
        std::string text;
        for (const auto& l : item.label) text += (text.empty() ? "" : "\n") + l;
        if (label_count == v.labels.size()) {
            auto actor = vtkSmartPointer<vtkTextActor>::New();
            vtkTextProperty* p = actor->GetTextProperty();
            if (!v.font.empty()) {
                p->SetFontFamily(VTK_FONT_FILE);
                p->SetFontFile(v.font.c_str());
            }
            p->SetFontSize(14);
            p->ShadowOn();
            p->SetJustificationToLeft();
            p->SetVerticalJustificationToTop();
            actor->SetTextScaleModeToNone();
            v.renderer->AddViewProp(actor);
            v.labels.push_back(actor);
        }
        vtkTextActor* actor = v.labels[label_count++];
        actor->SetInput(text.c_str());
        actor->GetTextProperty()->SetColor(kColours[style][0], kColours[style][1],
                                           kColours[style][2]);
        actor->SetPosition(item.label_at.x, viewport_height - item.label_at.y);
        actor->SetVisibility(visible_);
        v.label_text.push_back(text);
    }
    for (std::size_t i = label_count; i < v.labels.size(); ++i) v.labels[i]->VisibilityOff();
    for (int i = 0; i < 3; ++i) {
        v.lines[i]->SetPoints(points[i]);
        v.lines[i]->SetLines(cells[i]);
        v.lines[i]->Modified();
        v.line_actors[i]->SetVisibility(visible_);
    }
}

void AnnotationLayer::setVisible(bool visible) {
    visible_ = visible;
    for (auto& a : vtk_->line_actors) a->SetVisibility(visible);
    for (std::size_t i = 0; i < vtk_->labels.size() && i < vtk_->label_text.size(); ++i)
        vtk_->labels[i]->SetVisibility(visible);
}

std::vector<std::string> AnnotationLayer::labels() const { return vtk_->label_text; }

}  // namespace countyread::viewer
