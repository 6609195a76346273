#include "viewer/ui/VolumeWindow.h"

#include <QComboBox>
#include <QHBoxLayout>
#include <QLabel>
#include <QPushButton>
#include <QSignalBlocker>
#include <QVBoxLayout>

#include "viewer/core/PersonName.h"
#include "viewer/core/VolumePresets.h"
#include "viewer/ui/VolumeRenderWidget.h"

namespace countyread::viewer {

VolumeWindow::VolumeWindow(std::shared_ptr<const Volume> volume, const LoadedStudy& source,
                           const UiText& text, RenderPath path, QWidget* parent)
    : QWidget(parent, Qt::Window), text_(text) {
    const std::string name =
        PersonName::display(source.study.patient_name.empty() ? source.attributes.patient_name
                                                              : source.study.patient_name,
                            text_.chinese());
    patient_ = QString::fromStdString(name);
    auto* layout = new QVBoxLayout(this);
    layout->setContentsMargins(4, 4, 4, 4);
    auto* controls = new QHBoxLayout;
    preset_label_ = new QLabel(this);
    controls->addWidget(preset_label_);
    presets_ = new QComboBox(this);
    for (std::size_t i = 0; i < VolumePresets::ct().size(); ++i) presets_->addItem(QString());
    controls->addWidget(presets_);
    reset_ = new QPushButton(this);
    controls->addWidget(reset_);
    path_ = new QLabel(this);
    controls->addWidget(path_);
    note_ = new QLabel(volume ? QString::fromStdString(volume->note) : QString(), this);
    note_->setStyleSheet(QStringLiteral("color: #c00000; font-weight: bold;"));
    controls->addWidget(note_, 1);
    layout->addLayout(controls);

    view_ = new VolumeRenderWidget(this);
    view_->setMinimumSize(256, 256);
    view_->scene().setRenderPath(path);
    view_->scene().setVolume(std::move(volume));
    layout->addWidget(view_, 1);
    help_ = new QLabel(this);
    help_->setStyleSheet(QStringLiteral("color: #606060;"));
    layout->addWidget(help_);

    connect(presets_, qOverload<int>(&QComboBox::currentIndexChanged), this,
            [this](int i) { view_->setPreset(i); });
    connect(view_, &VolumeRenderWidget::presetChanged, this, [this](int i) {
        const QSignalBlocker block(presets_);
        presets_->setCurrentIndex(i);
    });
    connect(view_, &VolumeRenderWidget::renderPathChanged, this, [this] { updatePathLabel(); });
    connect(reset_, &QPushButton::clicked, this, [this] {
        view_->resetView();
        view_->setFocus();
    });
    retranslate();
    view_->setFocus();
    resize(900, 900);
}

void VolumeWindow::setPreset(int index) { view_->setPreset(index); }

void VolumeWindow::retranslate() {
    setWindowTitle(patient_.isEmpty() ? text_(UiText::VolumeRendering)
                                      : QStringLiteral("%1 — %2").arg(
                                            text_(UiText::VolumeRendering), patient_));
    preset_label_->setText(text_(UiText::VolumePreset));
    const auto& all = VolumePresets::ct();
    for (std::size_t i = 0; i < all.size(); ++i) {
        presets_->setItemText(static_cast<int>(i),
                              QStringLiteral("%1  %2").arg(i + 1).arg(QString::fromStdString(
                                  all[i].name(text_.chinese()))));
    }
    reset_->setText(text_(UiText::VolumeReset));
    help_->setText(text_(UiText::VolumeHelp));
    updatePathLabel();
}

QString VolumeWindow::note() const { return note_->text(); }

QString VolumeWindow::renderPathLabel() const { return path_->text(); }

void VolumeWindow::updatePathLabel() {
    const VolumeScene& scene = view_->scene();
    path_->setText(
        text_(scene.renderPath() == RenderPath::Gpu ? UiText::VolumeGpu : UiText::VolumeCpu));
    path_->setToolTip(QString::fromStdString(scene.renderPathNote()));
}

}  // namespace countyread::viewer
