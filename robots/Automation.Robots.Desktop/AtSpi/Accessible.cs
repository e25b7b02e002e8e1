using Tmds.DBus.Protocol;

namespace Automation.Robots.Desktop.AtSpi;

/// <summary>
/// One accessible object and the AT-SPI interfaces the driver uses on it (Accessible, Action, Component, Text,
/// EditableText, Value, Selection, Table, Collection). Each method is one bounded call on the bus; nothing is cached.
/// </summary>
public sealed class Accessible(AtSpiBus bus, AccessibleRef reference)
{
    private const string Prefix = "org.a11y.atspi.";

    public AtSpiBus Bus { get; } = bus;

    public AccessibleRef Ref { get; } = reference;

    public Accessible At(AccessibleRef other) => new(Bus, other);

    public async Task<int> GetRoleAsync(CancellationToken cancellationToken) =>
        (int)await Call("Accessible", "GetRole", null, null, static (m, _) => m.GetBodyReader().ReadUInt32(), cancellationToken);

    public Task<string> GetRoleNameAsync(CancellationToken cancellationToken) =>
        Call("Accessible", "GetRoleName", null, null, static (m, _) => m.GetBodyReader().ReadString(), cancellationToken);

    public async Task<string> GetNameAsync(CancellationToken cancellationToken) =>
        (await Bus.GetPropertyAsync(Ref, Prefix + "Accessible", "Name", cancellationToken)).GetString();

    public async Task<string> GetDescriptionAsync(CancellationToken cancellationToken) =>
        (await Bus.GetPropertyAsync(Ref, Prefix + "Accessible", "Description", cancellationToken)).GetString();

    /// <summary>The toolkit's automation id (GTK: <c>atk_object_set_accessible_id</c>); empty when unset or unsupported.</summary>
    public async Task<string> GetAccessibleIdAsync(CancellationToken cancellationToken)
    {
        try
        {
            return (await Bus.GetPropertyAsync(Ref, Prefix + "Accessible", "AccessibleId", cancellationToken)).GetString();
        }
        catch (AtSpiException ex) when (!ex.IsTimeout && !ex.IsGone)
        {
            return "";
        }
    }

    public async Task<int> GetChildCountAsync(CancellationToken cancellationToken) =>
        (await Bus.GetPropertyAsync(Ref, Prefix + "Accessible", "ChildCount", cancellationToken)).GetInt32();

    public async Task<AccessibleRef> GetParentAsync(CancellationToken cancellationToken)
    {
        var value = await Bus.GetPropertyAsync(Ref, Prefix + "Accessible", "Parent", cancellationToken);
        return new AccessibleRef(value.GetItem(0).GetString(), value.GetItem(1).GetObjectPathAsString());
    }

    public Task<IReadOnlyList<AccessibleRef>> GetChildrenAsync(CancellationToken cancellationToken) =>
        Call("Accessible", "GetChildren", null, null, static (m, _) => (IReadOnlyList<AccessibleRef>)ReadRefs(m), cancellationToken);

    public Task<AccessibleRef> GetChildAtIndexAsync(int index, CancellationToken cancellationToken) =>
        Call("Accessible", "GetChildAtIndex", "i", (ref MessageWriter w) => w.WriteInt32(index), static (m, _) => ReadRef(m), cancellationToken);

    public Task<int> GetIndexInParentAsync(CancellationToken cancellationToken) =>
        Call("Accessible", "GetIndexInParent", null, null, static (m, _) => m.GetBodyReader().ReadInt32(), cancellationToken);

    public async Task<StateSet> GetStateAsync(CancellationToken cancellationToken) =>
        StateSet.FromWords(await Call("Accessible", "GetState", null, null, static (m, _) => m.GetBodyReader().ReadArrayOfUInt32(), cancellationToken));

    public Task<IReadOnlyList<Relation>> GetRelationsAsync(CancellationToken cancellationToken) =>
        Call("Accessible", "GetRelationSet", null, null, static (m, _) => (IReadOnlyList<Relation>)ReadRelations(m), cancellationToken);

    public Task<IReadOnlyDictionary<string, string>> GetAttributesAsync(CancellationToken cancellationToken) =>
        Call("Accessible", "GetAttributes", null, null, static (m, _) => (IReadOnlyDictionary<string, string>)ReadStringMap(m), cancellationToken);

    /// <summary>The AT-SPI interfaces the object implements, without the <c>org.a11y.atspi.</c> prefix (Action, Text, ...).</summary>
    public async Task<IReadOnlySet<string>> GetInterfacesAsync(CancellationToken cancellationToken)
    {
        var names = await Call("Accessible", "GetInterfaces", null, null, static (m, _) => m.GetBodyReader().ReadArrayOfString(), cancellationToken);
        return names.Select(n => n.StartsWith(Prefix, StringComparison.Ordinal) ? n[Prefix.Length..] : n).ToHashSet(StringComparer.Ordinal);
    }

    public Task<AccessibleRef> GetApplicationAsync(CancellationToken cancellationToken) =>
        Call("Accessible", "GetApplication", null, null, static (m, _) => ReadRef(m), cancellationToken);

    /// <summary>Where the object is on the screen (Component.GetExtents, screen coordinates).</summary>
    public Task<Extents> GetExtentsAsync(CancellationToken cancellationToken) =>
        Call("Component", "GetExtents", "u", static (ref MessageWriter w) => w.WriteUInt32(0), static (m, _) =>
        {
            var reader = m.GetBodyReader();
            reader.AlignStruct();
            return new Extents(reader.ReadInt32(), reader.ReadInt32(), reader.ReadInt32(), reader.ReadInt32());
        }, cancellationToken);

    public Task<bool> GrabFocusAsync(CancellationToken cancellationToken) =>
        Call("Component", "GrabFocus", null, null, static (m, _) => m.GetBodyReader().ReadBool(), cancellationToken);

    /// <summary>The names of the object's actions (Action.GetActions), in index order.</summary>
    public Task<IReadOnlyList<string>> GetActionsAsync(CancellationToken cancellationToken) =>
        Call("Action", "GetActions", null, null, static (m, _) =>
        {
            var reader = m.GetBodyReader();
            var names = new List<string>();
            var end = reader.ReadArrayStart(DBusType.Struct);
            while (reader.HasNext(end))
            {
                reader.AlignStruct();
                names.Add(reader.ReadString());
                reader.ReadString();
                reader.ReadString();
            }

            return (IReadOnlyList<string>)names;
        }, cancellationToken);

    /// <summary>Starts an action. The toolkit may run its handler after answering: callers poll for the effect.</summary>
    public Task<bool> DoActionAsync(int index, CancellationToken cancellationToken) =>
        Call("Action", "DoAction", "i", (ref MessageWriter w) => w.WriteInt32(index), static (m, _) => m.GetBodyReader().ReadBool(), cancellationToken);

    public Task<string> GetTextAsync(CancellationToken cancellationToken) =>
        Call("Text", "GetText", "ii", static (ref MessageWriter w) =>
        {
            w.WriteInt32(0);
            w.WriteInt32(-1);
        }, static (m, _) => m.GetBodyReader().ReadString(), cancellationToken);

    public async Task<int> GetCharacterCountAsync(CancellationToken cancellationToken) =>
        (await Bus.GetPropertyAsync(Ref, Prefix + "Text", "CharacterCount", cancellationToken)).GetInt32();

    public Task<bool> SetTextContentsAsync(string text, CancellationToken cancellationToken) =>
        Call("EditableText", "SetTextContents", "s", (ref MessageWriter w) => w.WriteString(text), static (m, _) => m.GetBodyReader().ReadBool(), cancellationToken);

    public async Task<double> GetCurrentValueAsync(CancellationToken cancellationToken) =>
        (await Bus.GetPropertyAsync(Ref, Prefix + "Value", "CurrentValue", cancellationToken)).GetDouble();

    public Task SetCurrentValueAsync(double value, CancellationToken cancellationToken) =>
        Bus.CallAsync(
            Ref,
            "org.freedesktop.DBus.Properties",
            "Set",
            "ssv",
            (ref MessageWriter w) =>
            {
                w.WriteString(Prefix + "Value");
                w.WriteString("CurrentValue");
                w.WriteVariantDouble(value);
            },
            static (_, _) => true,
            cancellationToken);

    public Task<bool> SelectChildAsync(int index, CancellationToken cancellationToken) =>
        Call("Selection", "SelectChild", "i", (ref MessageWriter w) => w.WriteInt32(index), static (m, _) => m.GetBodyReader().ReadBool(), cancellationToken);

    public Task<AccessibleRef> GetSelectedChildAsync(int index, CancellationToken cancellationToken) =>
        Call("Selection", "GetSelectedChild", "i", (ref MessageWriter w) => w.WriteInt32(index), static (m, _) => ReadRef(m), cancellationToken);

    public async Task<int> GetRowCountAsync(CancellationToken cancellationToken) =>
        (await Bus.GetPropertyAsync(Ref, Prefix + "Table", "NRows", cancellationToken)).GetInt32();

    public async Task<int> GetColumnCountAsync(CancellationToken cancellationToken) =>
        (await Bus.GetPropertyAsync(Ref, Prefix + "Table", "NColumns", cancellationToken)).GetInt32();

    public Task<AccessibleRef> GetCellAsync(int row, int column, CancellationToken cancellationToken) =>
        Call("Table", "GetAccessibleAt", "ii", (ref MessageWriter w) =>
        {
            w.WriteInt32(row);
            w.WriteInt32(column);
        }, static (m, _) => ReadRef(m), cancellationToken);

    public Task<AccessibleRef> GetColumnHeaderAsync(int column, CancellationToken cancellationToken) =>
        Call("Table", "GetColumnHeader", "i", (ref MessageWriter w) => w.WriteInt32(column), static (m, _) => ReadRef(m), cancellationToken);

    /// <summary>
    /// The descendants matching any of <paramref name="roles"/> (all descendants when null), found by the
    /// application in one call (Collection.GetMatches, canonical order).
    /// </summary>
    public Task<IReadOnlyList<AccessibleRef>> GetMatchesAsync(IReadOnlyCollection<int>? roles, CancellationToken cancellationToken)
    {
        var roleWords = new int[(AtSpiRole.Switch / 32) + 2];
        foreach (var role in roles ?? [])
        {
            roleWords[role / 32] |= 1 << (role % 32);
        }

        var any = roles is { Count: > 0 };
        return Call("Collection", "GetMatches", "(aiia{ss}iaiiasib)uib", (ref MessageWriter w) =>
        {
            w.WriteStructureStart();
            // Match types: 1 = all (true for an empty set), 2 = any.
            w.WriteArray(new int[4]);
            w.WriteInt32(1);
            var attributes = w.WriteDictionaryStart();
            w.WriteDictionaryEnd(attributes);
            w.WriteInt32(1);
            w.WriteArray(roleWords);
            w.WriteInt32(any ? 2 : 1);
            w.WriteArray(Array.Empty<string>());
            w.WriteInt32(1);
            w.WriteBool(false);
            w.WriteUInt32(1);
            w.WriteInt32(0);
            w.WriteBool(true);
        }, static (m, _) => (IReadOnlyList<AccessibleRef>)ReadRefs(m), cancellationToken);
    }

    public override string ToString() => Ref.ToString();

    private Task<T> Call<T>(string @interface, string member, string? signature, WriteArgs? args, MessageValueReader<T> reader, CancellationToken cancellationToken) =>
        Bus.CallAsync(Ref, Prefix + @interface, member, signature, args, reader, cancellationToken);

    private static AccessibleRef ReadRef(Message message)
    {
        var reader = message.GetBodyReader();
        reader.AlignStruct();
        return new AccessibleRef(reader.ReadString(), reader.ReadObjectPathAsString());
    }

    private static List<AccessibleRef> ReadRefs(Message message)
    {
        var reader = message.GetBodyReader();
        var refs = new List<AccessibleRef>();
        var end = reader.ReadArrayStart(DBusType.Struct);
        while (reader.HasNext(end))
        {
            reader.AlignStruct();
            refs.Add(new AccessibleRef(reader.ReadString(), reader.ReadObjectPathAsString()));
        }

        return refs;
    }

    private static List<Relation> ReadRelations(Message message)
    {
        var reader = message.GetBodyReader();
        var relations = new List<Relation>();
        var end = reader.ReadArrayStart(DBusType.Struct);
        while (reader.HasNext(end))
        {
            reader.AlignStruct();
            var type = (int)reader.ReadUInt32();
            var targets = new List<AccessibleRef>();
            var targetsEnd = reader.ReadArrayStart(DBusType.Struct);
            while (reader.HasNext(targetsEnd))
            {
                reader.AlignStruct();
                targets.Add(new AccessibleRef(reader.ReadString(), reader.ReadObjectPathAsString()));
            }

            relations.Add(new Relation(type, targets));
        }

        return relations;
    }

    private static Dictionary<string, string> ReadStringMap(Message message)
    {
        var reader = message.GetBodyReader();
        var map = new Dictionary<string, string>(StringComparer.Ordinal);
        var end = reader.ReadDictionaryStart();
        while (reader.HasNext(end))
        {
            reader.AlignStruct();
            var key = reader.ReadString();
            map[key] = reader.ReadString();
        }

        return map;
    }
}
