using Jint;
using Jint.Native;
using Jint.Native.Object;
using Jint.Runtime;
using Jint.Runtime.Descriptors;
using JsEngine = Jint.Engine;

namespace Automation.Engine.Expressions;

public sealed partial class JintExpressionEvaluator
{
    /// <summary>
    /// The <c>variables</c> object: one property per declared variable, read on first use and written back when the
    /// script completes. Assigning a name the workflow does not declare is an error rather than a silent new property.
    /// </summary>
    private sealed class VariablesObject : ObjectInstance
    {
        private readonly ScopeBridge _bridge;

        public VariablesObject(JsEngine engine, ScopeBridge bridge)
            : base(engine)
        {
            _bridge = bridge;
        }

        public override JsValue Get(JsValue property, JsValue receiver) =>
            Declared(property, out var name) ? _bridge.Read(name) : base.Get(property, receiver);

        public override bool Set(JsValue property, JsValue value, JsValue receiver)
        {
            if (property.IsSymbol())
            {
                return false;
            }

            _bridge.Assign(property.ToString(), value);
            return true;
        }

        public override PropertyDescriptor GetOwnProperty(JsValue property) =>
            Declared(property, out var name)
                ? new PropertyDescriptor(_bridge.Read(name), writable: true, enumerable: true, configurable: false)
                : PropertyDescriptor.Undefined;

        public override bool DefineOwnProperty(JsValue property, PropertyDescriptor desc)
        {
            if (property.IsSymbol() || desc.IsAccessorDescriptor())
            {
                return false;
            }

            // A descriptor without a value (Object.freeze's) changes flags only, which these properties do not keep.
            if (desc.Value is { } value)
            {
                _bridge.Assign(property.ToString(), value);
            }

            return true;
        }

        public override bool HasProperty(JsValue property) => Declared(property, out _) || base.HasProperty(property);

        public override bool Delete(JsValue property) => !Declared(property, out _);

        public override List<JsValue> GetOwnPropertyKeys(Types types = Types.String | Types.Symbol) =>
            (types & Types.String) == 0 ? [] : _bridge.VariableNames.Select(n => (JsValue)new JsString(n)).ToList();

        public override IEnumerable<KeyValuePair<JsValue, PropertyDescriptor>> GetOwnProperties() =>
            _bridge.VariableNames.Select(n => new KeyValuePair<JsValue, PropertyDescriptor>(new JsString(n), GetOwnProperty(n)));

        protected override OwnPropertyProbe ProbeOwnProperty(JsValue property) =>
            Declared(property, out _) ? OwnPropertyProbe.Enumerable : OwnPropertyProbe.Missing;

        protected override bool TryGetOwnPropertyValue(JsValue property, JsValue receiver, out JsValue value)
        {
            if (Declared(property, out var name))
            {
                value = _bridge.Read(name);
                return true;
            }

            value = Undefined;
            return false;
        }

        private bool Declared(JsValue property, out string name)
        {
            name = property.IsString() ? property.AsString() : "";
            return name.Length > 0 && _bridge.IsDeclared(name);
        }
    }
}
