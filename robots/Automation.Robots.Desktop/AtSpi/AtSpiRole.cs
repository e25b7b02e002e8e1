namespace Automation.Robots.Desktop.AtSpi;

/// <summary>
/// AT-SPI role numbers (AtspiRole in at-spi2-core). Roles are matched by number because the role names differ
/// between toolkits and versions (GTK 3 "push button", GTK 4 "button" for the same role 43).
/// </summary>
public static class AtSpiRole
{
    public const int Alert = 2;
    public const int CheckBox = 7;
    public const int CheckMenuItem = 8;
    public const int ColumnHeader = 10;
    public const int ComboBox = 11;
    public const int Dialog = 16;
    public const int Filler = 20;
    public const int Frame = 23;
    public const int Label = 29;
    public const int List = 31;
    public const int ListItem = 32;
    public const int Menu = 33;
    public const int MenuItem = 35;
    public const int PageTab = 37;
    public const int Panel = 39;
    public const int PasswordText = 40;
    public const int PopupMenu = 41;
    public const int PushButton = 43;
    public const int RadioButton = 44;
    public const int ScrollPane = 49;
    public const int SpinButton = 52;
    public const int StatusBar = 54;
    public const int Table = 55;
    public const int TableCell = 56;
    public const int TableColumnHeader = 57;
    public const int Text = 61;
    public const int ToggleButton = 62;
    public const int Tree = 65;
    public const int TreeTable = 66;
    public const int Window = 69;
    public const int Application = 75;
    public const int Entry = 79;
    public const int Link = 88;
    public const int TableRow = 90;
    public const int TreeItem = 91;
    public const int ListBox = 98;
    public const int PushButtonMenu = 129;
    public const int Switch = 130;

    /// <summary>Roles of top-level windows.</summary>
    public static IReadOnlySet<int> Windows { get; } = new HashSet<int> { Frame, Window, Dialog, Alert };

    /// <summary>Roles of fields a person types into or chooses in: what a geometry anchor or label points at.</summary>
    public static IReadOnlySet<int> Fields { get; } = new HashSet<int> { Entry, Text, PasswordText, SpinButton, ComboBox, CheckBox, RadioButton, ToggleButton, Switch, PushButton, List, ListBox, Table, TreeTable };
}
