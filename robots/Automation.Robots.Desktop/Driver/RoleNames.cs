using System.Globalization;
using Automation.Robots.Desktop.AtSpi;
using Automation.Robots.Selectors;

namespace Automation.Robots.Desktop.Driver;

/// <summary>
/// The role names selectors use (web-like, so a process owner writes desktop steps as web steps) mapped to AT-SPI
/// role numbers. A name maps to several numbers where toolkits differ (GTK 3 and GTK 4 buttons, entries and text).
/// </summary>
internal static class RoleNames
{
    private static readonly Dictionary<string, int[]> Roles = new(StringComparer.OrdinalIgnoreCase)
    {
        ["button"] = [AtSpiRole.PushButton, AtSpiRole.PushButtonMenu, AtSpiRole.ToggleButton],
        ["textbox"] = [AtSpiRole.Entry, AtSpiRole.Text, AtSpiRole.PasswordText, AtSpiRole.SpinButton],
        ["text"] = [AtSpiRole.Entry, AtSpiRole.Text, AtSpiRole.PasswordText, AtSpiRole.SpinButton],
        ["password"] = [AtSpiRole.PasswordText],
        ["combobox"] = [AtSpiRole.ComboBox],
        ["checkbox"] = [AtSpiRole.CheckBox, AtSpiRole.CheckMenuItem, AtSpiRole.Switch],
        ["radio"] = [AtSpiRole.RadioButton],
        ["table"] = [AtSpiRole.Table, AtSpiRole.TreeTable, AtSpiRole.Tree],
        ["grid"] = [AtSpiRole.Table, AtSpiRole.TreeTable, AtSpiRole.Tree],
        ["list"] = [AtSpiRole.List, AtSpiRole.ListBox],
        ["listbox"] = [AtSpiRole.List, AtSpiRole.ListBox],
        ["listitem"] = [AtSpiRole.ListItem],
        ["option"] = [AtSpiRole.ListItem, AtSpiRole.MenuItem],
        ["cell"] = [AtSpiRole.TableCell],
        ["columnheader"] = [AtSpiRole.ColumnHeader, AtSpiRole.TableColumnHeader],
        ["dialog"] = [AtSpiRole.Dialog, AtSpiRole.Alert],
        ["alert"] = [AtSpiRole.Alert],
        ["alertdialog"] = [AtSpiRole.Alert],
        ["window"] = [AtSpiRole.Frame, AtSpiRole.Window, AtSpiRole.Dialog],
        ["label"] = [AtSpiRole.Label],
        ["status"] = [AtSpiRole.StatusBar, AtSpiRole.Label],
        ["menu"] = [AtSpiRole.Menu, AtSpiRole.PopupMenu],
        ["menuitem"] = [AtSpiRole.MenuItem, AtSpiRole.CheckMenuItem],
        ["tab"] = [AtSpiRole.PageTab],
        ["link"] = [AtSpiRole.Link],
        ["switch"] = [AtSpiRole.Switch, AtSpiRole.ToggleButton],
    };

    /// <summary>
    /// The role numbers for a selector's role: a name above, an AT-SPI role name (<c>push button</c>, <c>push_button</c>)
    /// or a number.
    /// </summary>
    public static int[] Resolve(string role)
    {
        var key = role.Trim().Replace(" ", "", StringComparison.Ordinal).Replace("_", "", StringComparison.Ordinal).Replace("-", "", StringComparison.Ordinal);
        if (Roles.TryGetValue(key, out var numbers))
        {
            return numbers;
        }

        if (int.TryParse(key, NumberStyles.None, CultureInfo.InvariantCulture, out var number))
        {
            return [number];
        }

        var field = typeof(AtSpiRole).GetField(key, System.Reflection.BindingFlags.Public | System.Reflection.BindingFlags.Static | System.Reflection.BindingFlags.IgnoreCase);
        if (field?.GetValue(null) is int constant)
        {
            return [constant];
        }

        throw new SelectorException($"'{role}' is not a desktop role; use one of {string.Join(", ", Roles.Keys)}, an AT-SPI role name (for example \"push button\") or an AT-SPI role number.");
    }
}
