export const MyFunc = () => 'hello from plugin v2';
