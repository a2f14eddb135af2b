export const MyFunc = () => 'plugin v2';
