// SPDX-License-Identifier: GPL-3.0-or-later
#include "EmptyState.h"

#include <QAbstractItemModel>
#include <QLabel>
#include <QPushButton>
#include <QVBoxLayout>

using namespace Qt::StringLiterals;

EmptyState::EmptyState(QWidget *view, QAbstractItemModel *model, const QString &text,
                       const QString &action, QWidget *parent)
    : QStackedWidget(parent)
    , m_view(view)
    , m_model(model)
    , m_empty(new QWidget(this))
    , m_text(new QLabel(text, m_empty))
    , m_action(new QPushButton(action, m_empty))
{
    m_empty->setObjectName(u"emptyState"_s);
    m_text->setWordWrap(true);
    m_text->setAlignment(Qt::AlignCenter);
    auto *layout = new QVBoxLayout(m_empty);
    layout->addStretch();
    layout->addWidget(m_text);
    layout->addWidget(m_action, 0, Qt::AlignHCenter);
    layout->addStretch(2);
    addWidget(m_view);
    addWidget(m_empty);
    connect(m_action, &QPushButton::clicked, this, &EmptyState::actionRequested);
    for (auto signal : {&QAbstractItemModel::rowsInserted, &QAbstractItemModel::rowsRemoved})
        connect(m_model, signal, this, &EmptyState::update);
    connect(m_model, &QAbstractItemModel::modelReset, this, &EmptyState::update);
    connect(m_model, &QAbstractItemModel::layoutChanged, this, &EmptyState::update);
    update();
}

bool EmptyState::isShowingEmpty() const
{
    return currentWidget() == m_empty;
}

void EmptyState::update()
{
    setCurrentWidget(m_model->rowCount() == 0 ? m_empty : m_view);
}
