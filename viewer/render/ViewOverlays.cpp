#include "viewer/render/ViewOverlays.h"

#include <vtkActor2D.h>
#include <vtkCellArray.h>
#include <vtkCoordinate.h>
#include <vtkPoints.h>
#include <vtkPolyData.h>
#include <vtkPolyDataMapper2D.h>
#include <vtkProperty2D.h>
#include <vtkRenderer.h>
#include <vtkSmartPointer.h>
#include <vtkTextActor.h>
#include <vtkTextProperty.h>

#include "viewer/render/OverlayFont.h"

namespace countyread::viewer {

struct ViewOverlays::Vtk {
    std::array<vtkSmartPointer<vtkTextActor>, 4> corners;
    std::array<vtkSmartPointer<vtkTextActor>, 4> orientation;  // left, right, top, bottom
    vtkSmartPointer<vtkPolyData> bar = vtkSmartPointer<vtkPolyData>::New();
    vtkSmartPointer<vtkActor2D> bar_actor = vtkSmartPointer<vtkActor2D>::New();
    vtkSmartPointer<vtkTextActor> bar_label = vtkSmartPointer<vtkTextActor>::New();
    vtkSmartPointer<vtkTextActor> probe = vtkSmartPointer<vtkTextActor>::New();
    vtkSmartPointer<vtkPolyData> crosshair = vtkSmartPointer<vtkPolyData>::New();
    vtkSmartPointer<vtkActor2D> crosshair_actor = vtkSmartPointer<vtkActor2D>::New();
};

namespace {

void styleText(vtkTextActor* actor, const std::string& font, int size) {
    vtkTextProperty* p = actor->GetTextProperty();
    if (!font.empty()) {
        p->SetFontFamily(VTK_FONT_FILE);
        p->SetFontFile(font.c_str());
    }
    p->SetFontSize(size);
    p->SetColor(1.0, 1.0, 0.85);
    p->ShadowOn();
    p->SetLineSpacing(1.15);
    actor->SetTextScaleModeToNone();
    actor->SetInput("");
}

// 0 left, 1 centre, 2 right / 0 bottom, 1 centre, 2 top.
void justify(vtkTextActor* actor, int horizontal, int vertical) {
    vtkTextProperty* p = actor->GetTextProperty();
    if (horizontal == 0) p->SetJustificationToLeft();
    if (horizontal == 1) p->SetJustificationToCentered();
    if (horizontal == 2) p->SetJustificationToRight();
    if (vertical == 0) p->SetVerticalJustificationToBottom();
    if (vertical == 1) p->SetVerticalJustificationToCentered();
    if (vertical == 2) p->SetVerticalJustificationToTop();
}

}  // namespace

ViewOverlays::ViewOverlays(vtkRenderer* renderer) : vtk_(std::make_unique<Vtk>()) {
    Vtk& v = *vtk_;
    const std::string font = OverlayFont::cjkFontFile();
    for (int i = 0; i < 4; ++i) {
        v.corners[i] = vtkSmartPointer<vtkTextActor>::New();
        styleText(v.corners[i], font, 15);
        const bool right = i == 1 || i == 3, top = i < 2;
        justify(v.corners[i], right ? 2 : 0, top ? 2 : 0);
        v.corners[i]->GetPositionCoordinate()->SetCoordinateSystemToNormalizedViewport();
        v.corners[i]->SetPosition(right ? 0.99 : 0.01, top ? 0.99 : 0.01);
        renderer->AddViewProp(v.corners[i]);
    }
    const double positions[4][2] = {{0.01, 0.5}, {0.99, 0.5}, {0.5, 0.99}, {0.5, 0.01}};
    const int justification[4][2] = {{0, 1}, {2, 1}, {1, 2}, {1, 0}};
    for (int i = 0; i < 4; ++i) {
        v.orientation[i] = vtkSmartPointer<vtkTextActor>::New();
        styleText(v.orientation[i], font, 18);
        justify(v.orientation[i], justification[i][0], justification[i][1]);
        v.orientation[i]->GetPositionCoordinate()->SetCoordinateSystemToNormalizedViewport();
        v.orientation[i]->SetPosition(positions[i][0], positions[i][1]);
        v.orientation[i]->VisibilityOff();
        renderer->AddViewProp(v.orientation[i]);
    }
    auto mapper = vtkSmartPointer<vtkPolyDataMapper2D>::New();
    mapper->SetInputData(v.bar);
    v.bar_actor->SetMapper(mapper);
    v.bar_actor->GetProperty()->SetColor(1.0, 1.0, 0.85);
    v.bar_actor->GetProperty()->SetLineWidth(2.0);
    v.bar_actor->VisibilityOff();
    renderer->AddViewProp(v.bar_actor);
    styleText(v.bar_label, font, 13);
    justify(v.bar_label, 1, 0);
    v.bar_label->VisibilityOff();
    renderer->AddViewProp(v.bar_label);
    auto cross_mapper = vtkSmartPointer<vtkPolyDataMapper2D>::New();
    cross_mapper->SetInputData(v.crosshair);
    v.crosshair_actor->SetMapper(cross_mapper);
    v.crosshair_actor->GetProperty()->SetColor(0.2, 0.9, 1.0);
    v.crosshair_actor->GetProperty()->SetLineWidth(1.0);
    v.crosshair_actor->VisibilityOff();
    renderer->AddViewProp(v.crosshair_actor);
    styleText(v.probe, font, 14);
    justify(v.probe, 0, 2);
    v.probe->GetTextProperty()->SetColor(0.6, 1.0, 0.6);
    v.probe->VisibilityOff();
    renderer->AddViewProp(v.probe);
}

ViewOverlays::~ViewOverlays() = default;

void ViewOverlays::setCornerText(int corner, const std::string& utf8) {
    corner_text_[corner] = utf8;
    vtk_->corners[corner]->SetInput(utf8.c_str());
}

void ViewOverlays::setOrientation(const std::optional<OrientationLabels>& labels) {
    orientation_shown_ = labels.has_value();
    const std::string text[4] = {labels ? labels->left : "", labels ? labels->right : "",
                                 labels ? labels->top : "", labels ? labels->bottom : ""};
    for (int i = 0; i < 4; ++i) {
        vtk_->orientation[i]->SetInput(text[i].c_str());
        vtk_->orientation[i]->SetVisibility(visible_ && orientation_shown_);
    }
}

void ViewOverlays::setScaleBar(const ScaleBar& bar, const std::string& note, int viewport_width) {
    Vtk& v = *vtk_;
    bar_shown_ = bar.millimetres > 0 && bar.pixels >= 4;
    v.bar_actor->SetVisibility(visible_ && bar_shown_);
    v.bar_label->SetVisibility(visible_ && bar_shown_);
    if (!bar_shown_) return;
    // Horizontal bar, bottom centre, 34 px above the bottom edge (the orientation letter is
    // below it), with end ticks and a tick every tenth.
    const double y = 34, x0 = viewport_width / 2.0 - bar.pixels / 2.0, x1 = x0 + bar.pixels;
    auto points = vtkSmartPointer<vtkPoints>::New();
    auto lines = vtkSmartPointer<vtkCellArray>::New();
    auto segment = [&](double ax, double ay, double bx, double by) {
        vtkIdType a = points->InsertNextPoint(ax, ay, 0), b = points->InsertNextPoint(bx, by, 0);
        vtkIdType ids[2] = {a, b};
        lines->InsertNextCell(2, ids);
    };
    segment(x0, y, x1, y);
    for (int i = 0; i <= 10; ++i) {
        const double x = x0 + bar.pixels * i / 10.0;
        const double h = (i == 0 || i == 10) ? 8 : (i == 5 ? 6 : 3);
        segment(x, y, x, y + h);
    }
    v.bar->SetPoints(points);
    v.bar->SetLines(lines);
    v.bar->Modified();
    const std::string label = note.empty() ? bar.label : bar.label + "  " + note;
    v.bar_label->SetInput(label.c_str());
    v.bar_label->SetPosition(viewport_width / 2.0, y + 10);
}

void ViewOverlays::setProbe(const std::string& text, Point2 at, int viewport_height) {
    probe_shown_ = !text.empty();
    vtk_->probe->SetVisibility(visible_ && probe_shown_);
    if (!probe_shown_) return;
    vtk_->probe->SetInput(text.c_str());
    vtk_->probe->SetPosition(at.x + 14, viewport_height - at.y - 14);
}

void ViewOverlays::setCrosshair(std::optional<Point2> at, int width, int height) {
    Vtk& v = *vtk_;
    crosshair_shown_ = at.has_value();
    v.crosshair_actor->SetVisibility(crosshair_shown_);
    if (!at) return;
    // Two lines across the viewport with a small gap at the centre (the point stays visible).
    const double x = at->x, y = height - at->y, gap = 6;
    auto points = vtkSmartPointer<vtkPoints>::New();
    auto lines = vtkSmartPointer<vtkCellArray>::New();
    auto segment = [&](double ax, double ay, double bx, double by) {
        vtkIdType ids[2] = {points->InsertNextPoint(ax, ay, 0), points->InsertNextPoint(bx, by, 0)};
        lines->InsertNextCell(2, ids);
    };
    segment(0, y, x - gap, y);
    segment(x + gap, y, width, y);
    segment(x, 0, x, y - gap);
    segment(x, y + gap, x, height);
    v.crosshair->SetPoints(points);
    v.crosshair->SetLines(lines);
    v.crosshair->Modified();
}

void ViewOverlays::setVisible(bool visible) {
    visible_ = visible;
    Vtk& v = *vtk_;
    for (auto& a : v.corners) a->SetVisibility(visible);
    for (auto& a : v.orientation) a->SetVisibility(visible && orientation_shown_);
    v.bar_actor->SetVisibility(visible && bar_shown_);
    v.bar_label->SetVisibility(visible && bar_shown_);
    v.probe->SetVisibility(visible && probe_shown_);
}

}  // namespace countyread::viewer
