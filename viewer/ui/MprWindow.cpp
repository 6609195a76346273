#include "viewer/ui/MprWindow.h"

#include <QComboBox>
#include <QHBoxLayout>
#include <QLabel>
#include <QSpinBox>
#include <QVBoxLayout>

#include "viewer/ui/ImageViewport.h"

namespace countyread::viewer {

namespace {
constexpr MprPlane kPlanes[3] = {MprPlane::Axial, MprPlane::Coronal, MprPlane::Sagittal};
}

MprWindow::MprWindow(std::shared_ptr<const Volume> volume, const LoadedStudy& source,
                     const UiText& text, RenderPath path, QWidget* parent)
    : QWidget(parent, Qt::Window), text_(text), volume_(volume), reslicer_(volume) {
    setWindowTitle(text_(UiText::Mpr));
    auto* layout = new QVBoxLayout(this);
    layout->setContentsMargins(4, 4, 4, 4);
    auto* controls = new QHBoxLayout;
    note_ = new QLabel(QString::fromStdString(volume_->note), this);
    note_->setStyleSheet(QStringLiteral("color: #c00000; font-weight: bold;"));
    controls->addWidget(note_, 1);
    slab_label_ = new QLabel(text_(UiText::SlabThickness), this);
    controls->addWidget(slab_label_);
    slab_box_ = new QSpinBox(this);
    slab_box_->setRange(1, 100);
    controls->addWidget(slab_box_);
    mode_box_ = new QComboBox(this);
    mode_box_->addItem(text_(UiText::SlabMip));
    mode_box_->addItem(text_(UiText::SlabMean));
    controls->addWidget(mode_box_);
    layout->addLayout(controls);
    auto* row = new QHBoxLayout;
    layout->addLayout(row, 1);

    const UiText::Key names[3] = {UiText::MprAxial, UiText::MprCoronal, UiText::MprSagittal};
    point_ = {(volume_->nx - 1) / 2.0, (volume_->ny - 1) / 2.0, (volume_->nz - 1) / 2.0};
    for (int p = 0; p < 3; ++p) {
        const MprPlane plane = kPlanes[p];
        auto study = std::make_shared<LoadedStudy>();
        study->study = source.study;
        study->attributes = source.attributes;
        const int count = reslicer_.sliceCount(plane);
        for (int i = 0; i < count; ++i) {
            LoadedImage image;
            image.instance.series_uid = std::string("mpr-") + std::to_string(p);
            image.instance.sop_instance_uid = image.instance.series_uid;
            image.instance.series_description =
                (text_(names[p]) + QStringLiteral(" MPR")).toStdString();
            image.instance.modality = "CT";
            image.instance.instance_number = i + 1;
            image.frame = i;
            study->images.push_back(image);
        }
        study->initial_index = reslicer_.toPlane(plane, point_).index;
        studies_[p] = study;
        auto* view = new ImageViewport(text_.chinese(), this);
        view->setMinimumSize(200, 200);
        view->setRenderPath(path);
        view->setFrameProvider(
            [this, plane](int index) -> std::shared_ptr<const dicom::ImageFrame> {
                return reslicer_.slice(plane, index, slab_, mode_);
            });
        view->setStudy(study);
        view->setTool(Tool::Crosshair);
        views_[p] = view;
        row->addWidget(view, 1);
        connect(view, &ImageViewport::crosshairPicked, this,
                [this, plane](double c, double r) { planePicked(plane, c, r); });
        connect(view, &ImageViewport::sliceChanged, this,
                [this, plane](int index, int) { planeScrolled(plane, index); });
        connect(view, &ImageViewport::windowChanged, this, [this, p](double c, double w) {
            if (syncing_) return;
            syncing_ = true;
            for (int q = 0; q < 3; ++q)
                if (q != p) views_[q]->setWindow({c, w});
            syncing_ = false;
        });
    }
    connect(slab_box_, qOverload<int>(&QSpinBox::valueChanged), this,
            [this](int v) { setSlab(v, mode_); });
    connect(mode_box_, qOverload<int>(&QComboBox::currentIndexChanged), this,
            [this](int i) { setSlab(slab_, i == 0 ? SlabMode::Mip : SlabMode::Mean); });
    setCrosshair(point_);
    resize(1200, 460);
}

QString MprWindow::note() const { return note_->text(); }

void MprWindow::retranslate() {
    setWindowTitle(text_(UiText::Mpr));
    slab_label_->setText(text_(UiText::SlabThickness));
    mode_box_->setItemText(0, text_(UiText::SlabMip));
    mode_box_->setItemText(1, text_(UiText::SlabMean));
    const UiText::Key names[3] = {UiText::MprAxial, UiText::MprCoronal, UiText::MprSagittal};
    for (int p = 0; p < 3; ++p) {
        const std::string description = (text_(names[p]) + QStringLiteral(" MPR")).toStdString();
        for (auto& image : studies_[p]->images) image.instance.series_description = description;
        views_[p]->setChineseOverlays(text_.chinese());
        views_[p]->updateStudy(studies_[p]);
    }
}

void MprWindow::setSlab(int slices, SlabMode mode) {
    slab_ = std::max(1, slices);
    mode_ = mode;
    for (auto* view : views_) view->refreshFrames();
}

void MprWindow::planePicked(MprPlane plane, double column, double row) {
    const int index = views_[static_cast<int>(plane)]->sliceIndex();
    setCrosshair(reslicer_.toVolume(plane, index, column, row));
}

void MprWindow::planeScrolled(MprPlane plane, int index) {
    if (syncing_) return;
    // Keep the crosshair's position within the plane, move it to the new slice.
    const auto at = reslicer_.toPlane(plane, point_);
    setCrosshair(reslicer_.toVolume(plane, index, at.column, at.row));
}

void MprWindow::setCrosshair(const Vec3& ijk) {
    const Volume& v = *volume_;
    point_ = {std::clamp(ijk[0], 0.0, v.nx - 1.0), std::clamp(ijk[1], 0.0, v.ny - 1.0),
              std::clamp(ijk[2], 0.0, v.nz - 1.0)};
    syncing_ = true;
    for (int p = 0; p < 3; ++p) {
        const auto at = reslicer_.toPlane(kPlanes[p], point_);
        if (views_[p]->sliceIndex() != at.index) views_[p]->showSlice(at.index);
        views_[p]->setCrosshair(Point2{at.column + 0.5, at.row + 0.5});
    }
    syncing_ = false;
}

}  // namespace countyread::viewer
