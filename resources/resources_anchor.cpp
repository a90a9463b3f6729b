// SPDX-License-Identifier: GPL-3.0-or-later
// The resources are compiled into this library; this file only gives it a translation unit.
namespace SwitchboardResources {
int anchor()
{
    return 0;
}
} // namespace SwitchboardResources
